using NumbersBot.Domain.Telephony;

namespace NumbersBot.Tests.Support.Fakes;

/// <summary>Telephony steps with their leases, as the SQL repository keeps them; thread-safe, shared with Bot.Tests.</summary>
public sealed class InMemoryTelephonyOperations : ITelephonyOperationRepository
{
    private readonly Dictionary<Guid, (TelephonyOperation Operation, string? Owner)> _stored = [];

    public IReadOnlyList<TelephonyOperation> All { get { lock (_stored) return _stored.Values.Select(s => s.Operation).OrderBy(o => o.CreatedAt).ToList(); } }

    public Task AddAsync(TelephonyOperation operation, string owner, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        lock (_stored) _stored.Add(operation.Id, (operation with { DueAt = leaseUntil }, owner));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TelephonyOperation>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct)
    {
        lock (_stored)
        {
            var due = _stored.Values.Where(s => s.Operation.State == OperationState.Pending && s.Operation.DueAt <= now)
                .OrderBy(s => s.Operation.DueAt).Take(max).Select(s => s.Operation with { DueAt = leaseUntil }).ToList();
            foreach (var operation in due) _stored[operation.Id] = (operation, owner);
            return Task.FromResult<IReadOnlyList<TelephonyOperation>>(due);
        }
    }

    public Task<bool> CompleteAsync(Guid id, string owner, CancellationToken ct)
    {
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
