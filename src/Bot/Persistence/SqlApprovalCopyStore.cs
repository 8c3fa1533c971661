using NumbersBot.Bot.Approvals;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// Approval copies as rows keyed by (approval, channel, kind, destination). due_at is both the retry time and the
/// lease's end: a copy whose holder crashed is picked up again once its lease runs out.
/// </summary>
internal sealed class SqlApprovalCopyStore(DbSession db) : IApprovalCopyStore
{
    private static readonly string[] Columns =
        ["copy_key", "approval_id", "channel", "kind", "destination", "address", "shown_state", "due_at", "attempts", "failure", "created_at"];

    private const string Select = "SELECT c.approval_id, c.channel, c.kind, c.destination, c.address, c.shown_state, c.attempts FROM approval_copies c";

    // Must match ApprovalRequest.ShownState.
    private const string CurrentState = "CASE WHEN a.status = 'Approved' AND a.release_failure IS NOT NULL THEN 'ReleaseFailed' ELSE a.status END";

    public async Task<IReadOnlyList<Guid>> PendingWithoutCopyAsync(string channel, CopyKind kind, string destination, int limit, CancellationToken ct) =>
        await db.QueryAsync<Guid>(
            "SELECT a.id FROM approvals a WHERE a.status = 'Pending' AND NOT EXISTS (SELECT 1 FROM approval_copies c " +
            "WHERE c.approval_id = a.id AND c.channel = @Channel AND c.kind = @Kind AND c.destination = @Destination) " +
            $"ORDER BY a.requested_at {db.Dialect.Limit("@Limit")}",
            new { Channel = channel, Kind = kind.ToString(), Destination = destination, Limit = limit }, ct);

    public async Task<bool> TryClaimAsync(ApprovalCopy copy, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct) =>
        await db.ExecuteAsync(db.Dialect.InsertIfAbsent("approval_copies", "copy_key", Columns), new
        {
            CopyKey = copy.Key, copy.ApprovalId, copy.Channel, Kind = copy.Kind.ToString(), copy.Destination, copy.Address, copy.ShownState,
            DueAt = leaseUntil, Attempts = 1, Failure = (string?)null, CreatedAt = now,
        }, ct) == 1;

    public async Task<IReadOnlyList<ApprovalCopy>> OutOfDateAsync(DateTimeOffset now, int limit, CancellationToken ct) =>
        (await db.QueryAsync<Row>(
            $"{Select} JOIN approvals a ON a.id = c.approval_id WHERE c.due_at <= @Now " +
            $"AND (c.shown_state IS NULL OR (c.shown_state <> @GivenUp AND c.shown_state <> {CurrentState})) ORDER BY c.due_at {db.Dialect.Limit("@Limit")}",
            new { Now = now, Limit = limit, ApprovalCopy.GivenUp }, ct)).Select(r => r.ToCopy()).ToList();

    public async Task<bool> TryLeaseAsync(ApprovalCopy copy, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct) =>
        await db.ExecuteAsync(
            "UPDATE approval_copies SET due_at = @LeaseUntil, attempts = attempts + 1 WHERE copy_key = @Key AND due_at <= @Now",
            new { copy.Key, Now = now, LeaseUntil = leaseUntil }, ct) == 1;

    public Task RecordShownAsync(ApprovalCopy copy, string? address, string shownState, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE approval_copies SET address = COALESCE(@Address, address), shown_state = @ShownState, due_at = @Now, attempts = 0, " +
            "failure = NULL WHERE copy_key = @Key",
            new { copy.Key, Address = address, ShownState = shownState, Now = now }, ct);

    public Task RetryLaterAsync(ApprovalCopy copy, DateTimeOffset dueAt, string failure, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE approval_copies SET due_at = @DueAt, failure = @Failure WHERE copy_key = @Key",
            new { copy.Key, DueAt = dueAt, Failure = failure }, ct);

    public Task GiveUpAsync(ApprovalCopy copy, string failure, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE approval_copies SET shown_state = @GivenUp, due_at = @Now, failure = @Failure WHERE copy_key = @Key",
            new { copy.Key, ApprovalCopy.GivenUp, Now = now, Failure = failure }, ct);

    public async Task<IReadOnlyList<ApprovalCopy>> ForApprovalAsync(Guid approvalId, CancellationToken ct) =>
        (await db.QueryAsync<Row>($"{Select} WHERE c.approval_id = @ApprovalId ORDER BY c.created_at, c.copy_key", new { ApprovalId = approvalId }, ct))
            .Select(r => r.ToCopy()).ToList();

    // Settable properties, not the record's constructor: SQLite reads integers as Int64.
    private sealed class Row
    {
        public required Guid ApprovalId { get; init; }
        public required string Channel { get; init; }
        public required string Kind { get; init; }
        public required string Destination { get; init; }
        public string? Address { get; init; }
        public string? ShownState { get; init; }
        public required int Attempts { get; init; }

        public ApprovalCopy ToCopy() => new(ApprovalId, Channel, Enum.Parse<CopyKind>(Kind), Destination, Address, ShownState, Attempts);
    }
}
