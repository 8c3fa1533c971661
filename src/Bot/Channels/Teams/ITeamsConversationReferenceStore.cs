using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// Where the bot can reach Teams conversations and people later, kept in the database so proactive messages survive
/// restarts and reach every instance. A newer reference replaces the older one.
/// </summary>
public interface ITeamsConversationReferenceStore
{
    /// <summary>Kept under <see cref="TeamsConversation.ConversationId"/>, the conversation without any ";messageid=…".</summary>
    Task SaveConversationAsync(TeamsConversation conversation, CancellationToken ct);

    Task<TeamsConversation?> FindConversationAsync(string conversationId, CancellationToken ct);

    Task SaveMemberAsync(UserRef user, TeamsMember member, CancellationToken ct);

    Task<TeamsMember?> FindMemberAsync(UserRef user, CancellationToken ct);
}
