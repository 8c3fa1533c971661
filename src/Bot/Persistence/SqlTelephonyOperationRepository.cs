using System.Data.Common;
using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// Telephony steps as rows: Pending until confirmed at the provider, then Done. While an instance holds one, due_at
/// is its lease's end, so a step whose instance crashed is claimed again once that has passed.
/// </summary>
internal sealed class SqlTelephonyOperationRepository(DbSession db) : ITelephonyOperationRepository
{
    private static readonly string[] Columns =
    [
        "id", "step", "number_id", "project_id", "e164", "environment", "reason", "requested_by", "requested_by_name",
        "created_at", "due_at", "state", "attempts", "last_error", "lease_owner", "provider_reference", "request_key",
        "number_source", "number_simulated",
    ];

    private static readonly string Select = $"SELECT {string.Join(", ", Columns)} FROM telephony_operations";

    public async Task AddAsync(TelephonyOperation operation, string owner, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        try
        {
            await InsertAsync(operation, owner, leaseUntil, ct);
        }
        catch (DbException e) when (db.Dialect.IsUniqueViolation(e))
        {
            // The partial unique index allows one pending test call per number; a request key is recorded once.
            throw DomainException.Conflict($"A {operation.Step} for {operation.E164} is already recorded.");
        }
    }

    private Task InsertAsync(TelephonyOperation operation, string owner, DateTimeOffset leaseUntil, CancellationToken ct) =>
        db.ExecuteAsync(SqlDialect.Insert("telephony_operations", Columns), new
        {
            operation.Id,
            Step = operation.Step.ToString(),
            operation.NumberId,
            operation.ProjectId,
            operation.E164,
            Environment = operation.Environment.ToString(),
            operation.Reason,
            operation.RequestedBy,
            operation.RequestedByName,
            operation.CreatedAt,
            DueAt = leaseUntil,
            State = operation.State.ToString(),
            operation.Attempts,
            operation.LastError,
            LeaseOwner = owner,
            operation.ProviderReference,
            operation.RequestKey,
            NumberSource = operation.Source?.ToString(),
            NumberSimulated = operation.Simulated,
        }, ct);

    public Task<IReadOnlyList<TelephonyOperation>> ClaimDueAsync(
        string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct) =>
        ClaimAsync("step <> 'TestCall'", owner, now, leaseUntil, max, ct);

    public Task<IReadOnlyList<TelephonyOperation>> ClaimDueTestCallsAsync(
        string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct) =>
        ClaimAsync("step = 'TestCall'", owner, now, leaseUntil, max, ct);

    private async Task<IReadOnlyList<TelephonyOperation>> ClaimAsync(
        string steps, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct)
    {
        var due = await db.QueryAsync<Row>(
            $"{Select} WHERE state = 'Pending' AND due_at <= @Now AND {steps} ORDER BY due_at {db.Dialect.Limit("@Max")}",
            new { Now = now, Max = max }, ct);
        var claimed = new List<TelephonyOperation>();
        foreach (var row in due)
        {
            // Conditional on the row still being due: of two instances claiming together, one wins. The claim changes only
            // the lease, so the row read above is the claimed step: no second read per step.
            var won = await db.ExecuteAsync(
                "UPDATE telephony_operations SET lease_owner = @Owner, due_at = @LeaseUntil WHERE id = @Id AND state = 'Pending' AND due_at <= @Now",
                new { row.Id, Owner = owner, LeaseUntil = leaseUntil, Now = now }, ct);
            if (won == 1) claimed.Add(row.ToOperation() with { DueAt = leaseUntil });
        }
        return claimed;
    }

    public async Task<bool> CompleteAsync(Guid id, string owner, CancellationToken ct) =>
        await db.ExecuteAsync(
            "UPDATE telephony_operations SET state = 'Done', lease_owner = NULL, last_error = NULL WHERE id = @Id AND state = 'Pending' AND lease_owner = @Owner",
            new { Id = id, Owner = owner }, ct) == 1;

    public Task RetryLaterAsync(Guid id, string owner, string error, DateTimeOffset dueAt, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE telephony_operations SET lease_owner = NULL, due_at = @DueAt, attempts = attempts + 1, last_error = @Error " +
            "WHERE id = @Id AND state = 'Pending' AND lease_owner = @Owner",
            new { Id = id, Owner = owner, Error = error, DueAt = dueAt }, ct);

    public Task PutBackAsync(Guid id, string owner, DateTimeOffset dueAt, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE telephony_operations SET lease_owner = NULL, due_at = @DueAt WHERE id = @Id AND state = 'Pending' AND lease_owner = @Owner",
            new { Id = id, Owner = owner, DueAt = dueAt }, ct);

    public async Task<IReadOnlyList<TelephonyOperation>> ListPendingAsync(CancellationToken ct) =>
        (await db.QueryAsync<Row>($"{Select} WHERE state = 'Pending' ORDER BY created_at, id", null, ct)).Select(r => r.ToOperation()).ToList();

    public async Task<TelephonyOperation?> FindPendingAsync(Guid numberId, TelephonyStep step, CancellationToken ct) =>
        (await db.QueryAsync<Row>($"{Select} WHERE number_id = @NumberId AND step = @Step AND state = 'Pending' ORDER BY created_at, id",
            new { NumberId = numberId, Step = step.ToString() }, ct)).FirstOrDefault()?.ToOperation();

    public async Task<bool> SetProviderReferenceAsync(Guid id, string owner, string reference, CancellationToken ct) =>
        await db.ExecuteAsync(
            "UPDATE telephony_operations SET provider_reference = @Reference WHERE id = @Id AND state = 'Pending' AND lease_owner = @Owner",
            new { Id = id, Owner = owner, Reference = reference }, ct) == 1;

    public async Task<TelephonyOperation?> FindByRequestKeyAsync(string requestKey, CancellationToken ct) =>
        (await db.QueryAsync<Row>($"{Select} WHERE request_key = @RequestKey", new { RequestKey = requestKey }, ct)).FirstOrDefault()?.ToOperation();

    public async Task<int?> CountTestCallAsync(string projectId, DateOnly day, int perDay, CancellationToken ct)
    {
        var count = new { ProjectId = projectId, CountedOn = Day(day), Calls = 0, PerDay = perDay };
        await db.ExecuteAsync(db.Dialect.InsertIfAbsent("test_call_counts", "project_id", "project_id", "counted_on", "calls"), count, ct);
        // Conditional on the row as it is when the update runs: a second request waits for the first's commit, then sees its count.
        var counted = await db.QueryAsync<int>(db.Dialect.UpdateReturning("test_call_counts",
            "calls = CASE WHEN counted_on = @CountedOn THEN calls + 1 ELSE 1 END, counted_on = @CountedOn",
            "project_id = @ProjectId AND (counted_on <> @CountedOn OR calls < @PerDay)", "calls"), count, ct);
        return counted.Count == 1 ? counted[0] : null;
    }

    public Task UncountTestCallAsync(string projectId, DateOnly day, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE test_call_counts SET calls = calls - 1 WHERE project_id = @ProjectId AND counted_on = @CountedOn AND calls > 0",
            new { ProjectId = projectId, CountedOn = Day(day) }, ct);

    public async Task<int> TestCallsOnAsync(string projectId, DateOnly day, CancellationToken ct) =>
        (await db.QueryAsync<int>("SELECT calls FROM test_call_counts WHERE project_id = @ProjectId AND counted_on = @CountedOn",
            new { ProjectId = projectId, CountedOn = Day(day) }, ct)).SingleOrDefault();

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<bool> TryTakeAsync(Guid id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct) =>
        await db.ExecuteAsync(
            "UPDATE telephony_operations SET lease_owner = @Owner, due_at = @LeaseUntil " +
            "WHERE id = @Id AND state = 'Pending' AND (lease_owner IS NULL OR due_at <= @Now)",
            new { Id = id, Owner = owner, LeaseUntil = leaseUntil, Now = now }, ct) == 1;

    private sealed class Row
    {
        public required Guid Id { get; init; }
        public required TelephonyStep Step { get; init; }
        public required Guid NumberId { get; init; }
        public required string ProjectId { get; init; }
        public required string E164 { get; init; }
        public required AgentEnvironment Environment { get; init; }
        public required string Reason { get; init; }
        public required string RequestedBy { get; init; }
        public required string RequestedByName { get; init; }
        public required DateTimeOffset CreatedAt { get; init; }
        public required DateTimeOffset DueAt { get; init; }
        public required OperationState State { get; init; }
        public required int Attempts { get; init; }
        public string? LastError { get; init; }
        public string? ProviderReference { get; init; }
        public string? RequestKey { get; init; }
        public NumberSource? NumberSource { get; init; }
        public required bool NumberSimulated { get; init; }

        public TelephonyOperation ToOperation() =>
            new(Id, Step, NumberId, ProjectId, E164, Environment, Reason, RequestedBy, RequestedByName, CreatedAt, DueAt, State, Attempts, LastError,
                ProviderReference, RequestKey, NumberSource, NumberSimulated);
    }
}
