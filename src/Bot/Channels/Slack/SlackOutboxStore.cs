namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// A message for Slack, written down before the acknowledgement: where it goes (<see cref="Method"/> is
/// <see cref="ResponseUrlMethod"/> with <see cref="ResponseUrl"/>, or a Web API method), the body as sent, and which attempt
/// this is (the claim that took it).
/// </summary>
public sealed record OutboxReply(Guid Id, string What, string Method, string? ResponseUrl, string Body, DateTimeOffset CreatedAt, int Attempts)
{
    public const string ResponseUrlMethod = "response_url";

    /// <summary>The record's generated text would print the response_url, which is a credential while it lasts.</summary>
    public override string ToString() => $"OutboxReply {{ Id = {Id}, What = {What}, Method = {Method}, Attempts = {Attempts} }}";
}

/// <summary>
/// The Slack outbox's rows: Sending while an instance holds the lease (due_at is then the lease's end, so a crashed
/// instance's rows are sent again), Pending until a retry is due, then Done or Failed. Each outcome is recorded only by
/// the claim (the attempt) that still holds the row.
/// </summary>
public interface ISlackOutboxStore
{
    /// <summary>Stores <paramref name="reply"/> as Sending, held by the caller (who sends it at once) until <paramref name="leaseUntil"/>.</summary>
    Task AddAsync(OutboxReply reply, DateTimeOffset leaseUntil, CancellationToken ct);

    Task<IReadOnlyList<Guid>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct);

    /// <summary>Takes the row until <paramref name="leaseUntil"/> as its next attempt; null when it is not due or another instance has it.</summary>
    Task<OutboxReply?> TryClaimAsync(Guid id, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct);

    Task CompleteAsync(OutboxReply reply, CancellationToken ct);

    Task RetryLaterAsync(OutboxReply reply, DateTimeOffset dueAt, string failure, CancellationToken ct);

    Task FailAsync(OutboxReply reply, string failure, CancellationToken ct);
}
