namespace NumbersBot.Bot.Conversation.Deferred;

/// <summary>A request answered with a progress card, to be finished and delivered in the background.</summary>
public sealed record DeferredReply(
    Guid Id, string Channel, string Verb, string ActorKey, string ActorName, string Data, string Address, int Attempts);

public interface IDeferredReplyQueue
{
    Task AddAsync(DeferredReply reply, DateTimeOffset now, CancellationToken ct);

    Task<IReadOnlyList<Guid>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct);

    /// <summary>Takes the reply for this instance until <paramref name="leaseUntil"/>; null when another instance has it.</summary>
    Task<DeferredReply?> TryClaimAsync(Guid id, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct);

    Task CompleteAsync(Guid id, CancellationToken ct);

    Task RetryLaterAsync(Guid id, DateTimeOffset dueAt, string failure, CancellationToken ct);

    Task FailAsync(Guid id, string failure, CancellationToken ct);
}
