namespace NumbersBot.Tests.Support.Fakes;

/// <summary>Hands out copies and records a decision only while the stored request is pending, as the database does; thread-safe.</summary>
public sealed class InMemoryApprovals : IApprovalRepository
{
    private readonly Dictionary<Guid, ApprovalRequest> _stored = [];
    private Action? _racer;

    /// <summary>Runs once, just before the next decision is recorded: another bot instance deciding first.</summary>
    public Action? BeforeNextDecision { get => _racer; set => _racer = value; }

    public IReadOnlyList<ApprovalRequest> All => Where(_ => true);

    public ApprovalRequest Stored(Guid id)
    {
        lock (_stored) return Copy(_stored[id]);
    }

    public Task AddAsync(ApprovalRequest request, CancellationToken ct) => Completed.After(() =>
    {
        lock (_stored)
        {
            if (_stored.Values.Any(r => r.NumberId == request.NumberId && r.IsPending))
                throw DomainException.Conflict($"{request.Number} already has a pending approval request.");
            _stored.Add(request.Id, Copy(request));
        }
    });

    public Task<ApprovalRequest?> FindAsync(Guid id, CancellationToken ct) => Task.FromResult(Where(r => r.Id == id).FirstOrDefault());

    public Task<ApprovalRequest?> FindPendingForNumberAsync(Guid numberId, CancellationToken ct) =>
        Task.FromResult(Where(r => r.NumberId == numberId && r.IsPending).FirstOrDefault());

    public Task<IReadOnlyList<ApprovalRequest>> ListAwaitingReleaseAsync(Guid numberId, CancellationToken ct) =>
        Task.FromResult(Where(r => r.NumberId == numberId && r.AwaitsRelease));

    public Task<IReadOnlyList<ApprovalRequest>> ListPendingAsync(string? projectId, CancellationToken ct) =>
        Task.FromResult(Where(r => r.IsPending && (projectId is null || r.ProjectId == projectId)));

    public Task<IReadOnlyList<ApprovalRequest>> ListOverdueAsync(DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult(Where(r => r.IsOverdue(now)));

    public Task<bool> TryRecordDecisionAsync(ApprovalRequest decided, CancellationToken ct)
    {
        Interlocked.Exchange(ref _racer, null)?.Invoke();
        lock (_stored)
        {
            if (!_stored.TryGetValue(decided.Id, out var stored) || !stored.IsPending) return Task.FromResult(false);
            _stored[decided.Id] = Copy(decided);
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryRecordReleaseAsync(ApprovalRequest approved, CancellationToken ct)
    {
        lock (_stored)
        {
            if (!_stored.TryGetValue(approved.Id, out var stored) || stored.Status != ApprovalStatus.Approved) return Task.FromResult(false);
            if (approved.ReleaseFailure is null && stored.ReleaseFailure is null) return Task.FromResult(false);
            _stored[approved.Id] = Copy(approved);
            return Task.FromResult(true);
        }
    }

    /// <summary>Writes a decision straight into storage, as another bot instance would.</summary>
    public void DecideBehindTheScenes(Guid id, Action<ApprovalRequest> decide)
    {
        lock (_stored)
        {
            var request = Copy(_stored[id]);
            decide(request);
            _stored[id] = request;
        }
    }

    private IReadOnlyList<ApprovalRequest> Where(Func<ApprovalRequest, bool> match)
    {
        lock (_stored) return _stored.Values.Where(match).OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).Select(Copy).ToList();
    }

    private static ApprovalRequest Copy(ApprovalRequest r) =>
        new(r.Id, r.ProjectId, r.NumberId, r.Number, r.Environment, r.NumberVersion, r.RequestedBy, r.RequestedByName,
            r.RequestedAt, r.ExpiresAt, r.Status, r.DecidedBy, r.DecidedByName, r.DecidedAt, r.Note, r.ReleaseFailure);
}
