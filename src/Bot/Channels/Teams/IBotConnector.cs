namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// The Bot Connector REST API (v3) under a conversation's serviceUrl, as the Teams channel uses it. Each call throws
/// <see cref="ConnectorException"/> when the connector refuses.
/// </summary>
public interface IBotConnector
{
    /// <summary>A new message in the conversation; returns its activity id.</summary>
    Task<string?> SendAsync(string serviceUrl, string conversationId, OutgoingJson activity, CancellationToken ct);

    /// <summary>A reply in the thread of <paramref name="activityId"/>; returns its activity id.</summary>
    Task<string?> ReplyAsync(string serviceUrl, string conversationId, string activityId, OutgoingJson activity, CancellationToken ct);

    /// <summary>Replaces the activity <paramref name="activityId"/> (its id is added to <paramref name="activity"/> as sent).</summary>
    Task UpdateAsync(string serviceUrl, string conversationId, string activityId, OutgoingJson activity, CancellationToken ct);

    Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct);

    /// <summary>A 1:1 conversation with a user (29:… id) in a tenant; returns its id.</summary>
    Task<string> CreateConversationAsync(string serviceUrl, string botId, string userId, string tenantId, CancellationToken ct);
}
