namespace NumbersBot.Domain.Approvals;

public interface IApprovalRepository
{
    /// <summary>Throws <see cref="DomainException"/> (Conflict) if the number already has a pending request.</summary>
    Task AddAsync(ApprovalRequest request, CancellationToken ct);

    Task<ApprovalRequest?> FindAsync(Guid id, CancellationToken ct);

    Task<ApprovalRequest?> FindPendingForNumberAsync(Guid numberId, CancellationToken ct);

    /// <summary>Approved requests for the number whose release failed and is still shown as failed.</summary>
    Task<IReadOnlyList<ApprovalRequest>> ListAwaitingReleaseAsync(Guid numberId, CancellationToken ct);

    Task<IReadOnlyList<ApprovalRequest>> ListPendingAsync(string? projectId, CancellationToken ct);

    /// <summary>Pending requests whose time ran out by <paramref name="now"/>.</summary>
    Task<IReadOnlyList<ApprovalRequest>> ListOverdueAsync(DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Stores the decision only if the request is still pending in storage, so two deciders racing
    /// on two bot instances cannot both win. Returns false when someone else decided first.
    /// </summary>
    Task<bool> TryRecordDecisionAsync(ApprovalRequest decided, CancellationToken ct);

    /// <summary>
    /// Stores <see cref="ApprovalRequest.ReleaseFailure"/> of an approved request: a failure, or null once released.
    /// Clearing it is conditional on a failure being stored, so of two retries only one reports the release.
    /// </summary>
    Task<bool> TryRecordReleaseAsync(ApprovalRequest approved, CancellationToken ct);
}
