namespace NumbersBot.Domain.Tests.Fakes;

public sealed class InMemoryPurchaseIntents : IPurchaseIntentRepository
{
    private readonly Dictionary<string, PurchaseIntent> _stored = [];

    public PurchaseIntent? Find(string key) => _stored.GetValueOrDefault(key);

    public Task<PurchaseIntent?> TryBeginAsync(PurchaseIntent intent, CancellationToken ct)
    {
        if (_stored.TryGetValue(intent.Key, out var earlier)) return Task.FromResult<PurchaseIntent?>(earlier);
        _stored.Add(intent.Key, intent);
        return Task.FromResult<PurchaseIntent?>(null);
    }

    public Task CompleteAsync(string key, Guid numberId, CancellationToken ct)
    {
        _stored[key] = _stored[key] with { State = PurchaseState.Completed, NumberId = numberId };
        return Task.CompletedTask;
    }

    public Task FailAsync(string key, string failure, CancellationToken ct)
    {
        _stored[key] = _stored[key] with { State = PurchaseState.Failed, Failure = failure };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PurchaseIntent>> ListWithoutNumberAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<PurchaseIntent>>(_stored.Values.Where(i => i.State != PurchaseState.Completed).OrderBy(i => i.RequestedAt).ToList());

    public Task AdoptAsync(string key, Guid numberId, CancellationToken ct)
    {
        if (_stored[key].State != PurchaseState.Completed) _stored[key] = _stored[key] with { State = PurchaseState.Completed, NumberId = numberId, Failure = null };
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PurchaseIntent>> ListPendingAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<PurchaseIntent>>(
            _stored.Values.Where(i => i.State == PurchaseState.Pending).OrderBy(i => i.RequestedAt).ToList());
}
