using NumbersBot.Domain;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Tests.Support.Fakes;

/// <summary>Telephony steps with their leases, as the SQL repository keeps them; thread-safe, shared with Bot.Tests.</summary>
public sealed class InMemoryTelephonyOperations : ITelephonyOperationRepository
{
    private readonly Dictionary<Guid, (TelephonyOperation Operation, string? Owner)> _stored = [];
    private readonly Dictionary<string, (DateOnly Day, int Calls)> _testCallCounts = [];

    public IReadOnlyList<TelephonyOperation> All { get { lock (_stored) return _stored.Values.Select(s => s.Operation).OrderBy(o => o.CreatedAt).ToList(); } }

    public Task AddAsync(TelephonyOperation operation, string owner, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        lock (_stored)
        {
            // As the SQL repository's unique indexes: one pending test call per number, a request key once.
            if (_stored.Values.Any(s => operation.Step == TelephonyStep.TestCall && s.Operation.Step == TelephonyStep.TestCall
                    && s.Operation.NumberId == operation.NumberId && s.Operation.State == OperationState.Pending
                    || operation.RequestKey is not null && s.Operation.RequestKey == operation.RequestKey))
                throw DomainException.Conflict($"A {operation.Step} for {operation.E164} is already recorded.");
            _stored.Add(operation.Id, (operation with { DueAt = leaseUntil }, owner));
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TelephonyOperation>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct) =>
        ClaimAsync(s => s != TelephonyStep.TestCall, owner, now, leaseUntil, max);

    public Task<IReadOnlyList<TelephonyOperation>> ClaimDueTestCallsAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct) =>
        ClaimAsync(s => s == TelephonyStep.TestCall, owner, now, leaseUntil, max);

    public Task<bool> SetProviderReferenceAsync(Guid id, string owner, string reference, CancellationToken ct)
    {
        lock (_stored)
        {
            if (!_stored.TryGetValue(id, out var stored) || stored.Owner != owner || stored.Operation.State != OperationState.Pending)
                return Task.FromResult(false);
            _stored[id] = (stored.Operation with { ProviderReference = reference }, owner);
            return Task.FromResult(true);
        }
    }

    public Task<TelephonyOperation?> FindByRequestKeyAsync(string requestKey, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult(_stored.Values.Select(s => s.Operation).FirstOrDefault(o => o.RequestKey == requestKey));
    }

    /// <summary>As the SQL stores count, except that nothing here is rolled back: a call refused after it was counted stays counted.</summary>
    public Task<int?> CountTestCallAsync(string projectId, DateOnly day, int perDay, CancellationToken ct)
    {
        lock (_stored)
        {
            var calls = _testCallCounts.TryGetValue(projectId, out var count) && count.Day == day ? count.Calls : 0;
            if (calls >= perDay) return Task.FromResult<int?>(null);
            _testCallCounts[projectId] = (day, calls + 1);
            return Task.FromResult<int?>(calls + 1);
        }
    }

    public Task UncountTestCallAsync(string projectId, DateOnly day, CancellationToken ct)
    {
        lock (_stored)
            if (_testCallCounts.TryGetValue(projectId, out var count) && count.Day == day && count.Calls > 0)
                _testCallCounts[projectId] = (day, count.Calls - 1);
        return Task.CompletedTask;
    }

    public Task<int> TestCallsOnAsync(string projectId, DateOnly day, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult(_testCallCounts.TryGetValue(projectId, out var count) && count.Day == day ? count.Calls : 0);
    }

    private Task<IReadOnlyList<TelephonyOperation>> ClaimAsync(Func<TelephonyStep, bool> steps, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max)
    {
        lock (_stored)
        {
            var due = _stored.Values.Where(s => s.Operation.State == OperationState.Pending && s.Operation.DueAt <= now && steps(s.Operation.Step))
                .OrderBy(s => s.Operation.DueAt).Take(max).Select(s => s.Operation with { DueAt = leaseUntil }).ToList();
            foreach (var operation in due) _stored[operation.Id] = (operation, owner);
            return Task.FromResult<IReadOnlyList<TelephonyOperation>>(due);
        }
    }

    private DomainException? _giveWay;

    /// <summary>Thrown once, by the next completion: the database undoing it for another change at the same moment.</summary>
    public DomainException? GiveWayAtNextCompletion { get => _giveWay; set => _giveWay = value; }

    public Task<bool> CompleteAsync(Guid id, string owner, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _giveWay, null) is { } busy) throw busy;
        lock (_stored)
        {
            if (!_stored.TryGetValue(id, out var stored) || stored.Owner != owner || stored.Operation.State != OperationState.Pending)
                return Task.FromResult(false);
            _stored[id] = (stored.Operation with { State = OperationState.Done, LastError = null }, null);
            return Task.FromResult(true);
        }
    }

    public Task RetryLaterAsync(Guid id, string owner, string error, DateTimeOffset dueAt, CancellationToken ct)
    {
        lock (_stored)
        {
            if (_stored.TryGetValue(id, out var stored) && stored.Owner == owner && stored.Operation.State == OperationState.Pending)
                _stored[id] = (stored.Operation with { DueAt = dueAt, Attempts = stored.Operation.Attempts + 1, LastError = error }, null);
        }
        return Task.CompletedTask;
    }

    public Task PutBackAsync(Guid id, string owner, DateTimeOffset dueAt, CancellationToken ct)
    {
        lock (_stored)
        {
            if (_stored.TryGetValue(id, out var stored) && stored.Owner == owner && stored.Operation.State == OperationState.Pending)
                _stored[id] = (stored.Operation with { DueAt = dueAt }, null);
        }
        return Task.CompletedTask;
    }

    public Task<TelephonyOperation?> FindPendingAsync(Guid numberId, TelephonyStep step, CancellationToken ct)
    {
        lock (_stored)
            return Task.FromResult(_stored.Values.Select(s => s.Operation)
                .Where(o => o.NumberId == numberId && o.Step == step && o.State == OperationState.Pending).OrderBy(o => o.CreatedAt).FirstOrDefault());
    }

    public Task<bool> TryTakeAsync(Guid id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        lock (_stored)
        {
            if (!_stored.TryGetValue(id, out var stored) || stored.Operation.State != OperationState.Pending
                || stored.Owner is not null && stored.Operation.DueAt > now)
                return Task.FromResult(false);
            _stored[id] = (stored.Operation with { DueAt = leaseUntil }, owner);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<TelephonyOperation>> ListPendingAsync(CancellationToken ct)
    {
        lock (_stored)
            return Task.FromResult<IReadOnlyList<TelephonyOperation>>(
                _stored.Values.Select(s => s.Operation).Where(o => o.State == OperationState.Pending).OrderBy(o => o.CreatedAt).ToList());
    }
}
