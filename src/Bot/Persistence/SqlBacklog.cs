namespace NumbersBot.Bot.Persistence;

/// <summary>What waits to be done, for the operators' gauges: one statement, each part read through its table's index.</summary>
internal sealed record Backlog(int DeferredReplies, DateTimeOffset? OldestDeferredReply, int PendingApprovals, int PendingTelephonySteps);

internal sealed class SqlBacklog(DbSession db)
{
    // Each predicate is spelled as its partial index's (ix_deferred_replies_due, ix_telephony_operations_due).
    private const string Sql =
        "SELECT (SELECT COUNT(*) FROM deferred_replies WHERE state <> 'Done' AND state <> 'Failed') AS deferred_replies, " +
        "(SELECT MIN(created_at) FROM deferred_replies WHERE state <> 'Done' AND state <> 'Failed') AS oldest_deferred_reply, " +
        "(SELECT COUNT(*) FROM approvals WHERE status = 'Pending') AS pending_approvals, " +
        "(SELECT COUNT(*) FROM telephony_operations WHERE state = 'Pending') AS pending_telephony_steps";

    public async Task<Backlog> ReadAsync(CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>(Sql, null, ct) ?? throw new InvalidOperationException("The backlog query returned no row.");
        return new Backlog((int)row.DeferredReplies, row.OldestDeferredReply, (int)row.PendingApprovals, (int)row.PendingTelephonySteps);
    }

    // Settable properties: COUNT(*) is Int64 on SQLite and PostgreSQL, Int32 on SQL Server; Dapper converts on assignment.
    private sealed class Row
    {
        public long DeferredReplies { get; init; }
        public DateTimeOffset? OldestDeferredReply { get; init; }
        public long PendingApprovals { get; init; }
        public long PendingTelephonySteps { get; init; }
    }
}
