using NumbersBot.Bot.Conversation.Deferred;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// Deferred replies as rows: Pending until due, Running while an instance holds its lease (due_at is then the
/// lease's end, so a crashed instance's work is picked up again), then Done or Failed.
/// </summary>
internal sealed class SqlDeferredReplyQueue(DbSession db) : IDeferredReplyQueue
{
    private static readonly string[] Columns =
        ["id", "channel", "verb", "actor_key", "actor_name", "data", "address", "state", "attempts", "created_at", "due_at", "failure"];

    public Task AddAsync(DeferredReply reply, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(SqlDialect.Insert("deferred_replies", Columns), new
        {
            reply.Id, reply.Channel, reply.Verb, reply.ActorKey, reply.ActorName, reply.Data, reply.Address,
            State = "Pending", Attempts = 0, CreatedAt = now, DueAt = now, Failure = (string?)null,
        }, ct);

    public async Task<IReadOnlyList<Guid>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct) =>
        await db.QueryAsync<Guid>(DueSql(db.Dialect), new { Now = now, Limit = limit }, ct);

    /// <summary>Spelled as ix_deferred_replies_due's own predicate, so every database's planner can use that partial index.</summary>
    internal static string DueSql(SqlDialect dialect) =>
        $"SELECT id FROM deferred_replies WHERE state <> 'Done' AND state <> 'Failed' AND due_at <= @Now ORDER BY due_at {dialect.Limit("@Limit")}";

    public async Task<DeferredReply?> TryClaimAsync(Guid id, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        var claimed = await db.ExecuteAsync(
            "UPDATE deferred_replies SET state = 'Running', attempts = attempts + 1, due_at = @LeaseUntil " +
            "WHERE id = @Id AND state IN ('Pending', 'Running') AND due_at <= @Now",
            new { Id = id, Now = now, LeaseUntil = leaseUntil }, ct);
        if (claimed == 0) return null;
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            "SELECT id, channel, verb, actor_key, actor_name, data, address, attempts FROM deferred_replies WHERE id = @Id", new { Id = id }, ct);
        return row?.ToReply();
    }

    public Task CompleteAsync(Guid id, CancellationToken ct) => SetAsync(id, "Done", null, null, ct);

    public Task RetryLaterAsync(Guid id, DateTimeOffset dueAt, string failure, CancellationToken ct) => SetAsync(id, "Pending", dueAt, failure, ct);

    public Task FailAsync(Guid id, string failure, CancellationToken ct) => SetAsync(id, "Failed", null, failure, ct);

    private Task SetAsync(Guid id, string state, DateTimeOffset? dueAt, string? failure, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE deferred_replies SET state = @State, due_at = COALESCE(@DueAt, due_at), failure = @Failure WHERE id = @Id",
            new { Id = id, State = state, DueAt = dueAt, Failure = failure }, ct);

    // Settable properties, not the record's constructor: Dapper matches constructors by exact type, and SQLite reads integers as Int64.
    private sealed class Row
    {
        public required Guid Id { get; init; }
        public required string Channel { get; init; }
        public required string Verb { get; init; }
        public required string ActorKey { get; init; }
        public required string ActorName { get; init; }
        public required string Data { get; init; }
        public required string Address { get; init; }
        public required int Attempts { get; init; }

        public DeferredReply ToReply() => new(Id, Channel, Verb, ActorKey, ActorName, Data, Address, Attempts);
    }
}
