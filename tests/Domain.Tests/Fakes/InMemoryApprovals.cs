namespace NumbersBot.Domain.Tests.Fakes;

public sealed class InMemoryApprovals : IApprovalRepository
{
    private readonly Dictionary<Guid, ApprovalRequest> _stored = [];

    /// <summary>Runs once, just before the next decision is recorded: another bot instance deciding first.</summary>
    public Action? BeforeNextDecision { get; set; }

    public IReadOnlyList<ApprovalRequest> All => _stored.Values.Select(Copy).ToList();

    public ApprovalRequest Stored(Guid id) => Copy(_stored[id]);

    public Task AddAsync(ApprovalRequest request, CancellationToken ct) => Completed.After(() =>
    {
        if (_stored.Values.Any(r => r.NumberId == request.NumberId && r.IsPending))
            throw DomainException.Conflict($"{request.Number} already has a pending approval request.");
        _stored.Add(request.Id, Copy(request));
    });

    public Task<ApprovalRequest?> FindAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(_stored.TryGetValue(id, out var request) ? Copy(request) : null);

    public Task<ApprovalRequest?> FindPendingForNumberAsync(Guid numberId, CancellationToken ct) =>
        Task.FromResult(_stored.Values.Where(r => r.NumberId == numberId && r.IsPending).Select(Copy).FirstOrDefault());

    public Task<IReadOnlyList<ApprovalRequest>> ListAwaitingReleaseAsync(Guid numberId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ApprovalRequest>>(_stored.Values.Where(r => r.NumberId == numberId && r.AwaitsRelease).Select(Copy).ToList());

    public Task<IReadOnlyList<ApprovalRequest>> ListPendingAsync(string? projectId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ApprovalRequest>>(
            _stored.Values.Where(r => r.IsPending && (projectId is null || r.ProjectId == projectId)).Select(Copy).ToList());

    public Task<IReadOnlyList<ApprovalRequest>> ListOverdueAsync(DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ApprovalRequest>>(_stored.Values.Where(r => r.IsOverdue(now)).Select(Copy).ToList());

    public Task<bool> TryRecordDecisionAsync(ApprovalRequest decided, CancellationToken ct)
    {
        var racer = BeforeNextDecision;
        BeforeNextDecision = null;
        racer?.Invoke();
        if (!_stored.TryGetValue(decided.Id, out var stored) || !stored.IsPending) return Task.FromResult(false);
        _stored[decided.Id] = Copy(decided);
        return Task.FromResult(true);
    }

    public Task<bool> TryRecordReleaseAsync(ApprovalRequest approved, CancellationToken ct)
    {
        if (!_stored.TryGetValue(approved.Id, out var stored) || stored.Status != ApprovalStatus.Approved) return Task.FromResult(false);
        if (approved.ReleaseFailure is null && stored.ReleaseFailure is null) return Task.FromResult(false);
        _stored[approved.Id] = Copy(approved);
        return Task.FromResult(true);
    }

    /// <summary>Writes a decision straight into storage, as another bot instance would.</summary>
    public void DecideBehindTheScenes(Guid id, Action<ApprovalRequest> decide)
    {
        var request = Copy(_stored[id]);
        decide(request);
        _stored[id] = request;
    }

    private static ApprovalRequest Copy(ApprovalRequest r) =>
        new(r.Id, r.ProjectId, r.NumberId, r.Number, r.Environment, r.NumberVersion, r.RequestedBy, r.RequestedByName,
            r.RequestedAt, r.ExpiresAt, r.Status, r.DecidedBy, r.DecidedByName, r.DecidedAt, r.Note, r.ReleaseFailure);
}
