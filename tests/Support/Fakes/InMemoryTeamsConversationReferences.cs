using System.Collections.Concurrent;
using NumbersBot.Bot.Channels.Teams;

namespace NumbersBot.Tests.Support.Fakes;

public sealed class InMemoryTeamsConversationReferences : ITeamsConversationReferenceStore
{
    private readonly ConcurrentDictionary<string, TeamsConversation> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<UserRef, TeamsMember> _members = new();

    public Task SaveConversationAsync(TeamsConversation conversation, CancellationToken ct)
    {
        _conversations[conversation.ConversationId] = conversation;
        return Task.CompletedTask;
    }

    public Task<TeamsConversation?> FindConversationAsync(string conversationId, CancellationToken ct) =>
        Task.FromResult(_conversations.GetValueOrDefault(conversationId));

    public Task SaveMemberAsync(UserRef user, TeamsMember member, CancellationToken ct)
    {
        _members[user] = member;
        return Task.CompletedTask;
    }

    public Task<TeamsMember?> FindMemberAsync(UserRef user, CancellationToken ct) => Task.FromResult(_members.GetValueOrDefault(user));
}
