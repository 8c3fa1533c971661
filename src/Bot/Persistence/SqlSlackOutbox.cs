using NumbersBot.Bot.Channels.Slack;

namespace NumbersBot.Bot.Persistence;

/// <summary>The Slack outbox as rows of slack_outbox; a finished row forgets its body and response_url.</summary>
internal sealed class SqlSlackOutbox(DbSession db) : ISlackOutboxStore
{
    private static readonly string[] Columns =
        ["id", "what", "method", "response_url", "body", "state", "attempts", "created_at", "due_at", "failure"];

    public Task AddAsync(OutboxReply reply, DateTimeOffset leaseUntil, CancellationToken ct) =>
        db.ExecuteAsync(SqlDialect.Insert("slack_outbox", Columns), new
        {
            reply.Id, reply.What, reply.Method, reply.ResponseUrl, reply.Body, State = "Sending", reply.Attempts, reply.CreatedAt,
            DueAt = leaseUntil, Failure = (string?)null,
        }, ct);

    public async Task<IReadOnlyList<Guid>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct) =>
        await db.QueryAsync<Guid>(DueSql(db.Dialect), new { Now = now, Limit = limit }, ct);

    /// <summary>Spelled as ix_slack_outbox_due's own predicate, so every database's planner can use that partial index.</summary>
    internal static string DueSql(SqlDialect dialect) =>
        $"SELECT id FROM slack_outbox WHERE state <> 'Done' AND state <> 'Failed' AND due_at <= @Now ORDER BY due_at {dialect.Limit("@Limit")}";

    public async Task<OutboxReply?> TryClaimAsync(Guid id, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        var claimed = await db.ExecuteAsync(
            "UPDATE slack_outbox SET state = 'Sending', attempts = attempts + 1, due_at = @LeaseUntil " +
            "WHERE id = @Id AND state IN ('Pending', 'Sending') AND due_at <= @Now",
            new { Id = id, Now = now, LeaseUntil = leaseUntil }, ct);
        if (claimed == 0) return null;
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            "SELECT id, what, method, response_url, body, created_at, attempts FROM slack_outbox WHERE id = @Id AND state = 'Sending'",
            new { Id = id }, ct);
        return row?.ToReply();
    }

    public Task CompleteAsync(OutboxReply reply, CancellationToken ct) => FinishAsync(reply, "Done", null, ct);

    public Task FailAsync(OutboxReply reply, string failure, CancellationToken ct) => FinishAsync(reply, "Failed", failure, ct);

    public Task RetryLaterAsync(OutboxReply reply, DateTimeOffset dueAt, string failure, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE slack_outbox SET state = 'Pending', due_at = @DueAt, failure = @Failure " +
                        "WHERE id = @Id AND attempts = @Attempts AND state = 'Sending'",
            new { reply.Id, reply.Attempts, DueAt = dueAt, Failure = failure }, ct);

    private Task FinishAsync(OutboxReply reply, string state, string? failure, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE slack_outbox SET state = @State, failure = @Failure, body = '', response_url = NULL " +
                        "WHERE id = @Id AND attempts = @Attempts AND state = 'Sending'",
            new { reply.Id, reply.Attempts, State = state, Failure = failure }, ct);

    // Settable properties, not the record's constructor: Dapper matches constructors by exact type, and SQLite reads integers as Int64.
    private sealed class Row
    {
        public required Guid Id { get; init; }
        public required string What { get; init; }
        public required string Method { get; init; }
        public string? ResponseUrl { get; init; }
        public required string Body { get; init; }
        public required DateTimeOffset CreatedAt { get; init; }
        public required int Attempts { get; init; }

        public OutboxReply ToReply() => new(Id, What, Method, ResponseUrl, Body, CreatedAt, Attempts);
    }
}
