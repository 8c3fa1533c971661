using NumbersBot.Bot.Telephony;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// Drift notices as rows keyed by (finding, channel, destination). due_at is both the retry time and the lease's end;
/// posted_at is set once the notice is in its place. A repair's notice also has its environment and the numbers it re-routed.
/// </summary>
internal sealed class SqlDriftNoticeStore(DbSession db) : IDriftNoticeStore
{
    private static readonly string[] Columns =
    [
        "notice_key", "finding_key", "channel", "destination", "project_id", "e164", "message", "provider_reference", "provider_code",
        "created_at", "due_at", "attempts", "failure", "posted_at", "environment", "rerouted",
    ];

    private const string Select =
        "SELECT finding_key, channel, destination, project_id, e164, message, provider_reference, provider_code, attempts, environment, rerouted, created_at " +
        "FROM drift_notices";

    public async Task<bool> TryAddAsync(DriftNotice notice, DateTimeOffset now, bool posted, CancellationToken ct) =>
        await db.ExecuteAsync(db.Dialect.InsertIfAbsent("drift_notices", "notice_key", Columns), new
        {
            NoticeKey = notice.Key, notice.FindingKey, notice.Channel, notice.Destination, notice.ProjectId, notice.E164, Message = notice.Text,
            notice.ProviderReference, notice.ProviderCode, CreatedAt = now, DueAt = now, Attempts = 0, Failure = (string?)null,
            PostedAt = posted ? now : (DateTimeOffset?)null, Environment = notice.Environment?.ToString(), notice.Rerouted,
        }, ct) == 1;

    public async Task<IReadOnlyList<DriftNotice>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct) =>
        (await db.QueryAsync<Row>($"{Select} WHERE posted_at IS NULL AND due_at <= @Now ORDER BY due_at {db.Dialect.Limit("@Limit")}",
            new { Now = now, Limit = limit }, ct)).Select(r => r.ToNotice()).ToList();

    public async Task<bool> TryLeaseAsync(DriftNotice notice, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct) =>
        await db.ExecuteAsync("UPDATE drift_notices SET due_at = @LeaseUntil WHERE notice_key = @Key AND posted_at IS NULL AND due_at <= @Now",
            new { notice.Key, Now = now, LeaseUntil = leaseUntil }, ct) == 1;

    public Task RecordPostedAsync(DriftNotice notice, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE drift_notices SET posted_at = @Now, failure = NULL WHERE notice_key = @Key", new { notice.Key, Now = now }, ct);

    public Task RetryLaterAsync(DriftNotice notice, DateTimeOffset dueAt, string failure, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE drift_notices SET due_at = @DueAt, attempts = attempts + 1, failure = @Failure WHERE notice_key = @Key",
            new { notice.Key, DueAt = dueAt, Failure = failure }, ct);

    public async Task<IReadOnlyList<DriftNotice>> ForFindingAsync(string findingKey, CancellationToken ct) =>
        (await db.QueryAsync<Row>($"{Select} WHERE finding_key = @FindingKey ORDER BY channel, destination", new { FindingKey = findingKey }, ct))
            .Select(r => r.ToNotice()).ToList();

    // Settable properties, not the record's constructor: SQLite reads integers as Int64.
    private sealed class Row
    {
        public required string FindingKey { get; init; }
        public required string Channel { get; init; }
        public required string Destination { get; init; }
        public string? ProjectId { get; init; }
        public string? E164 { get; init; }
        public required string Message { get; init; }
        public string? ProviderReference { get; init; }
        public string? ProviderCode { get; init; }
        public required int Attempts { get; init; }
        public string? Environment { get; init; }
        public string? Rerouted { get; init; }
        public required DateTimeOffset CreatedAt { get; init; }

        public DriftNotice ToNotice() => new(FindingKey, Channel, Destination, ProjectId, E164, Message, ProviderReference, ProviderCode, Attempts)
        {
            Environment = Environment is null ? null : Enum.Parse<AgentEnvironment>(Environment), Rerouted = Rerouted, CreatedAt = CreatedAt,
        };
    }
}

/// <summary>Leases as rows: taken by a conditional update (or the first insert), so of two instances one holds it.</summary>
internal sealed class SqlJobLeases(DbSession db) : IJobLeases
{
    public async Task<bool> TryTakeAsync(string name, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        var args = new { Name = name, Owner = owner, Now = now, LeaseUntil = leaseUntil };
        if (await db.ExecuteAsync("UPDATE job_leases SET owner = @Owner, lease_until = @LeaseUntil WHERE name = @Name AND (lease_until <= @Now OR owner = @Owner)",
                args, ct) == 1)
            return true;
        return await db.ExecuteAsync(db.Dialect.InsertIfAbsent("job_leases", "name", "name", "owner", "lease_until"), args, ct) == 1;
    }

    public Task ReleaseAsync(string name, string owner, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE job_leases SET lease_until = @Now WHERE name = @Name AND owner = @Owner", new { Name = name, Owner = owner, Now = now }, ct);
}
