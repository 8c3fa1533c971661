using System.Text.Json;
using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Persistence;

internal sealed class SqlTeamsConversationReferenceStore(ConversationsTable table) : ITeamsConversationReferenceStore
{
    public Task SaveConversationAsync(TeamsConversation conversation, CancellationToken ct) =>
        SaveAsync(ConversationKey(conversation.ConversationId), conversation, ct);

    public Task<TeamsConversation?> FindConversationAsync(string conversationId, CancellationToken ct) =>
        FindAsync<TeamsConversation>(ConversationKey(conversationId), ct);

    public Task SaveMemberAsync(UserRef user, TeamsMember member, CancellationToken ct) => SaveAsync(MemberKey(user), member, ct);

    public Task<TeamsMember?> FindMemberAsync(UserRef user, CancellationToken ct) => FindAsync<TeamsMember>(MemberKey(user), ct);

    private static string ConversationKey(string conversationId) => "teams:conversation:" + conversationId;

    private static string MemberKey(UserRef user) => "teams:user:" + user.Key;

    private Task SaveAsync<T>(string key, T reference, CancellationToken ct) =>
        table.SaveAsync(key, JsonSerializer.Serialize(reference, Activity.Json), ct);

    private async Task<T?> FindAsync<T>(string key, CancellationToken ct) where T : class =>
        await table.FindAsync(key, ct) is { } json ? JsonSerializer.Deserialize<T>(json, Activity.Json) : null;
}
