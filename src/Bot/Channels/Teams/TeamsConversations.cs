using System.Text.Json;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Hosting;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>Where a Teams conversation is, as the connector needs it; kept in the <see cref="ITeamsConversationReferenceStore"/>.</summary>
public sealed record TeamsConversation(string ServiceUrl, string ConversationId, string? TenantId, string? BotId, string? ConversationType);

/// <summary>A user the bot has met: enough to reach them later, in their 1:1 chat or by creating one.</summary>
public sealed record TeamsMember(string ServiceUrl, string UserId, string TenantId, string? BotId, string? ConversationId);

/// <summary>The message a deferred reply replaces (a Teams <see cref="ReplyAddress"/>), and who asked for it.</summary>
public sealed record TeamsReplyAddress(string ServiceUrl, string ConversationId, string? ActivityId, string? UserId)
{
    public ReplyAddress ToAddress() => new(TeamsChannel.Name, JsonSerializer.Serialize(this, Activity.Json));

    public static TeamsReplyAddress From(ReplyAddress address) =>
        JsonSerializer.Deserialize<TeamsReplyAddress>(address.Json, Activity.Json)
        ?? throw new InvalidOperationException("The Teams reply address is empty.");
}

/// <summary>
/// Remembers conversations and users from authenticated activities so proactive messages can reach them later.
/// Each reference is written once per process unless it changes, and again once a day while in use (<see cref="WriteMemo"/>),
/// so ordinary traffic costs no writes and retention never prunes a reference people still write from.
/// </summary>
public sealed class TeamsConversations(IServiceScopeFactory scopes, TimeProvider clock, RetentionPolicy? retention = null)
{
    private readonly WriteMemo _written = new(clock, WriteMemo.RefreshFor(retention));

    /// <summary>A channel thread's id ends in ";messageid=…"; the conversation is the part before it.</summary>
    public static string ConversationKey(string conversationId) => "conversation:" + conversationId.Split(';')[0];

    public static string UserKey(UserRef user) => "user:" + user.Key;

    public async Task RememberAsync(Activity activity, UserRef? user, CancellationToken ct)
    {
        if (activity.ServiceUrl is not { } serviceUrl || activity.Conversation?.Id is not { } id) return;
        var conversation = new TeamsConversation(serviceUrl, id.Split(';')[0], activity.TenantId, activity.Recipient?.Id,
            activity.Conversation.ConversationType);
        await SaveOnceAsync(ConversationKey(id), conversation, store => store.SaveConversationAsync(conversation, ct));
        if (user is null || activity.From?.Id is not { } userId || activity.TenantId is not { } tenant) return;
        var personal = activity.Conversation.ConversationType == "personal" ? conversation.ConversationId : null;
        if (personal is null && _written.IsFresh(UserKey(user))) return;
        // Met in a group chat or channel: keep the 1:1 chat already known for them, if any.
        var known = personal is null ? await FindMemberAsync(user, ct) : null;
        await SaveMemberAsync(user, new TeamsMember(serviceUrl, userId, tenant, activity.Recipient?.Id, personal ?? known?.ConversationId), ct);
    }

    public Task<TeamsConversation?> FindConversationAsync(string conversationId, CancellationToken ct) =>
        FindAsync(store => store.FindConversationAsync(conversationId.Split(';')[0], ct));

    public Task<TeamsMember?> FindMemberAsync(UserRef user, CancellationToken ct) => FindAsync(store => store.FindMemberAsync(user, ct));

    public Task SaveMemberAsync(UserRef user, TeamsMember member, CancellationToken ct) =>
        SaveOnceAsync(UserKey(user), member, store => store.SaveMemberAsync(user, member, ct));

    private async Task SaveOnceAsync(string key, object reference, Func<ITeamsConversationReferenceStore, Task> save)
    {
        if (_written.IsFresh(key, reference)) return;
        await using var scope = scopes.CreateAsyncScope();
        await save(scope.ServiceProvider.GetRequiredService<ITeamsConversationReferenceStore>());
        _written.Remember(key, reference);
    }

    private async Task<T?> FindAsync<T>(Func<ITeamsConversationReferenceStore, Task<T?>> find) where T : class
    {
        await using var scope = scopes.CreateAsyncScope();
        return await find(scope.ServiceProvider.GetRequiredService<ITeamsConversationReferenceStore>());
    }
}
