namespace NumbersBot.Bot.Conversation;

/// <summary>
/// Which inbound deliveries were already handled, across every bot instance sharing the database, so a
/// retried Teams activity or Slack event has one effect.
/// </summary>
public interface IDeliveryLog
{
    /// <summary>True the first time a delivery id is seen for the channel; false for every redelivery.</summary>
    Task<bool> TryRecordFirstAsync(string channel, string deliveryId, CancellationToken ct);
}

/// <summary>Where a deferred reply goes: the channel, and its own description of the message to replace (JSON).</summary>
public sealed record ReplyAddress(string Channel, string Json);

/// <summary>
/// The stored message can never be reached again (a Slack response_url past its 30 minutes or its 5 uses): trying
/// again cannot help, so durable work gives that copy up instead of retrying it.
/// </summary>
public sealed class ReplyAddressGoneException(string message) : Exception(message);

/// <summary>
/// A channel reached outside any turn (one singleton per channel): finish a deferred reply, edit a stored message, post a
/// new one. Failures throw, so durable work that calls it is tried again.
/// </summary>
public interface IReplyChannel
{
    string Channel { get; }

    /// <summary>
    /// Updates the stored message at <paramref name="address"/> (or answers there); throws when it did not go through,
    /// <see cref="ReplyAddressGoneException"/> when it never will.
    /// </summary>
    Task DeliverAsync(ReplyAddress address, Reply reply, CancellationToken ct);

    /// <summary>
    /// Posts a new message to <paramref name="destination"/> (a conversation or channel id, or a person's user key for
    /// a direct message) and returns its address, so it can be updated later; throws when it did not go through.
    /// </summary>
    Task<ReplyAddress> PostToAsync(string destination, Reply reply, CancellationToken ct);
}

/// <summary>
/// Where one turn's answers go, implemented by each channel for the turn it is handling. Each returns where the message
/// now is, when the channel can say; when it returns, the reply is shown (or showing it failed and was logged).
/// </summary>
public interface IReplySurface
{
    /// <summary>The reply takes the place of the card the turn came from (or of the form it submitted).</summary>
    Task<ReplyAddress?> ReplaceAsync(Reply reply, CancellationToken ct);

    /// <summary>The reply arrives as a new message where the turn came from.</summary>
    Task<ReplyAddress?> PostAsync(Reply reply, CancellationToken ct);
}

/// <summary>
/// Slow work (buying a number takes seconds) answered at once with a progress card and finished in the
/// background; stored first, so a restart resumes it instead of losing it.
/// </summary>
public interface IDeferredReplies
{
    Task EnqueueAsync(ConversationRequest request, ReplyAddress address, CancellationToken ct);
}
