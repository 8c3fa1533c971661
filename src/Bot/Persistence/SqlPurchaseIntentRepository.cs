using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Persistence;

internal sealed class SqlPurchaseIntentRepository(DbSession db) : IPurchaseIntentRepository
{
    private static readonly string[] Columns =
    [
        "intent_key", "project_id", "environment", "country", "area_code", "variant_id",
        "requested_by", "requested_at", "state", "number_id", "failure",
    ];

    private static readonly string Select = $"SELECT {string.Join(", ", Columns)} FROM purchase_intents";

    public async Task<PurchaseIntent?> TryBeginAsync(PurchaseIntent intent, CancellationToken ct)
    {
        // The key decides, not a read before the write: of two racing clicks exactly one inserts.
        var inserted = await db.ExecuteAsync(db.Dialect.InsertIfAbsent("purchase_intents", "intent_key", Columns), new
        {
            IntentKey = intent.Key,
            intent.ProjectId,
            Environment = intent.Environment.ToString(),
            Country = intent.Country.ToString(),
            intent.AreaCode,
            intent.VariantId,
            intent.RequestedBy,
            intent.RequestedAt,
            State = intent.State.ToString(),
            intent.NumberId,
            intent.Failure,
        }, ct);
        if (inserted == 1) return null;
        return (await db.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE intent_key = @Key", new { intent.Key }, ct))?.ToIntent()
            ?? throw new InvalidOperationException($"The purchase intent '{intent.Key}' was neither inserted nor found.");
    }

    public Task CompleteAsync(string key, Guid numberId, CancellationToken ct) =>
        SettleAsync(key, PurchaseState.Completed, numberId, null, ct);

    public Task FailAsync(string key, string failure, CancellationToken ct) =>
        SettleAsync(key, PurchaseState.Failed, null, failure, ct);

    public async Task<IReadOnlyList<PurchaseIntent>> ListPendingAsync(CancellationToken ct) =>
        (await db.QueryAsync<Row>($"{Select} WHERE state = 'Pending' ORDER BY requested_at, intent_key", null, ct))
            .Select(r => r.ToIntent()).ToList();

    public async Task<IReadOnlyList<PurchaseIntent>> ListWithoutNumberAsync(CancellationToken ct) =>
        (await db.QueryAsync<Row>($"{Select} WHERE state <> 'Completed' ORDER BY requested_at, intent_key", null, ct))
            .Select(r => r.ToIntent()).ToList();

    public Task AdoptAsync(string key, Guid numberId, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE purchase_intents SET state = 'Completed', number_id = @NumberId, failure = NULL WHERE intent_key = @Key AND state <> 'Completed'",
            new { Key = key, NumberId = numberId }, ct);

    private async Task SettleAsync(string key, PurchaseState state, Guid? numberId, string? failure, CancellationToken ct)
    {
        var updated = await db.ExecuteAsync(
            "UPDATE purchase_intents SET state = @State, number_id = @NumberId, failure = @Failure WHERE intent_key = @Key AND state = 'Pending'",
            new { Key = key, State = state.ToString(), NumberId = numberId, Failure = failure }, ct);
        // Settling is repeatable: an intent already settled (by the reconciler, say) stays as it is.
        if (updated == 0 && await db.QuerySingleOrDefaultAsync<string>("SELECT state FROM purchase_intents WHERE intent_key = @Key", new { Key = key }, ct) is null)
            throw new InvalidOperationException($"No purchase intent is recorded under the key '{key}'.");
    }

    private sealed class Row
    {
        public required string IntentKey { get; init; }
        public required string ProjectId { get; init; }
        public required AgentEnvironment Environment { get; init; }
        public required Country Country { get; init; }
        public string? AreaCode { get; init; }
        public string? VariantId { get; init; }
        public required string RequestedBy { get; init; }
        public required DateTimeOffset RequestedAt { get; init; }
        public required PurchaseState State { get; init; }
        public Guid? NumberId { get; init; }
        public string? Failure { get; init; }

        public PurchaseIntent ToIntent() =>
            new(IntentKey, ProjectId, Environment, Country, AreaCode, VariantId, RequestedBy, RequestedAt, State, NumberId, Failure);
    }
}
