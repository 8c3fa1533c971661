namespace NumbersBot.Tests.Support.Fakes;

/// <summary>Settles only a pending intent and adopts only an unfinished one, as the SQL repository's conditional updates do.</summary>
public sealed class InMemoryPurchaseIntents : IPurchaseIntentRepository
{
    private readonly Dictionary<string, PurchaseIntent> _stored = [];

    public PurchaseIntent? Find(string key)
    {
        lock (_stored) return _stored.GetValueOrDefault(key);
    }

    public Task<PurchaseIntent?> TryBeginAsync(PurchaseIntent intent, CancellationToken ct)
    {
        lock (_stored)
        {
            if (_stored.TryGetValue(intent.Key, out var earlier)) return Task.FromResult<PurchaseIntent?>(earlier);
            _stored.Add(intent.Key, intent);
            return Task.FromResult<PurchaseIntent?>(null);
        }
    }

    public Task CompleteAsync(string key, Guid numberId, CancellationToken ct) =>
        Settle(key, i => i with { State = PurchaseState.Completed, NumberId = numberId });

    public Task FailAsync(string key, string failure, CancellationToken ct) =>
        Settle(key, i => i with { State = PurchaseState.Failed, Failure = failure });

    public Task<IReadOnlyList<PurchaseIntent>> ListWithoutNumberAsync(CancellationToken ct)
    {
        lock (_stored)
            return Task.FromResult<IReadOnlyList<PurchaseIntent>>(
                _stored.Values.Where(i => i.State != PurchaseState.Completed).OrderBy(i => i.RequestedAt).ToList());
    }

    public Task AdoptAsync(string key, Guid numberId, CancellationToken ct)
    {
        lock (_stored)
        {
            if (_stored.TryGetValue(key, out var intent) && intent.State != PurchaseState.Completed)
                _stored[key] = intent with { State = PurchaseState.Completed, NumberId = numberId, Failure = null };
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PurchaseIntent>> ListPendingAsync(CancellationToken ct)
    {
        lock (_stored)
            return Task.FromResult<IReadOnlyList<PurchaseIntent>>(
                _stored.Values.Where(i => i.State == PurchaseState.Pending).OrderBy(i => i.RequestedAt).ToList());
    }

    private Task Settle(string key, Func<PurchaseIntent, PurchaseIntent> settle)
    {
        lock (_stored)
        {
            if (!_stored.TryGetValue(key, out var intent)) throw new InvalidOperationException($"No purchase intent is recorded under the key '{key}'.");
            if (intent.State == PurchaseState.Pending) _stored[key] = settle(intent);
        }
        return Task.CompletedTask;
    }
}
