using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;

namespace NumbersBot.Domain.Approvals;

/// <summary>
/// Closes requests and audits each closing, in the caller's unit of work: the one place a request's end is written,
/// whoever ends it (a decider, the requester, the expiry sweep, a change to the number).
/// </summary>
public sealed class ApprovalLedger(IApprovalRepository approvals, AuditLog audit, IUnitOfWork unitOfWork, IApprovalSignal signal, TimeProvider clock)
{
    /// <summary>
    /// The request someone acts on, still open; otherwise how it stands: closed already, or its time ran out (it is
    /// expired here, so a late click never decides or withdraws it).
    /// </summary>
    public async Task<(ApprovalRequest? Open, ApprovalOutcome? Closed)> OpenAsync(Guid id, CancellationToken ct)
    {
        var request = await approvals.FindAsync(id, ct)
            ?? throw DomainException.NotFound("There is no such approval request; it may belong to another installation.");
        if (!request.IsPending) return (null, new ApprovalOutcome(request, Stale: true, NumberDeleted: false));
        var now = clock.GetUtcNow();
        if (!request.IsOverdue(now)) return (request, null);
        request.Expire(now);
        return (null, await CloseAsync(request, Actor.System, ct));
    }

    /// <summary>
    /// Closes the request in a unit of work of its own; when someone else closed it first, shows how it really stands.
    /// <paramref name="alongside"/> writes what the decision orders in that same unit of work (run only by the winner).
    /// </summary>
    public async Task<ApprovalOutcome> CloseAsync(ApprovalRequest closed, Actor actor, CancellationToken ct,
        Func<CancellationToken, Task>? alongside = null)
    {
        await using (var work = await unitOfWork.BeginAsync(ct))
        {
            if (!await TryCloseAsync(closed, actor, ct))
                return new ApprovalOutcome(await approvals.FindAsync(closed.Id, ct) ?? closed, Stale: true, NumberDeleted: false);
            if (alongside is not null) await alongside(ct);
            await work.CommitAsync(ct);
        }
        await signal.ChangedAsync(ct);
        return new ApprovalOutcome(closed, Stale: false, NumberDeleted: false);
    }

    /// <summary>Stores the closing if the request is still pending in storage; false when someone closed it first.</summary>
    public async Task<bool> TryCloseAsync(ApprovalRequest closed, Actor actor, CancellationToken ct)
    {
        if (!await approvals.TryRecordDecisionAsync(closed, ct)) return false;
        await audit.RecordAsync(actor,
            new AuditedChange(ActionFor(closed.Status), closed.ProjectId, closed.Number, closed.Environment, $"deletion requested by {closed.RequestedByName}", closed.Outcome), ct);
        return true;
    }

    public Task<bool> TryExpireAsync(ApprovalRequest overdue, CancellationToken ct)
    {
        overdue.Expire(clock.GetUtcNow());
        return TryCloseAsync(overdue, Actor.System, ct);
    }

    /// <summary>The number changed or went away: a pending request for it no longer says what it meant.</summary>
    public async Task<ApprovalRequest?> VoidPendingAsync(Guid numberId, string reason, CancellationToken ct)
    {
        if (await approvals.FindPendingForNumberAsync(numberId, ct) is not { } pending) return null;
        pending.Void(clock.GetUtcNow(), reason);
        return await TryCloseAsync(pending, Actor.System, ct) ? pending : null;
    }

    /// <summary>
    /// The number is gone (its removal step finished, whoever ran it): every approval still showing its release as
    /// failed now says released. In the caller's unit of work; true when one changed, so its copies must be signalled.
    /// </summary>
    public async Task<bool> NumberReleasedAsync(Guid numberId, CancellationToken ct)
    {
        var changed = false;
        foreach (var approved in await approvals.ListAwaitingReleaseAsync(numberId, ct))
        {
            approved.Released();
            changed |= await approvals.TryRecordReleaseAsync(approved, ct);
        }
        return changed;
    }

    private static string ActionFor(ApprovalStatus status) => status switch
    {
        ApprovalStatus.Approved => AuditActions.ApprovalApproved,
        ApprovalStatus.Denied => AuditActions.ApprovalDenied,
        ApprovalStatus.Expired => AuditActions.ApprovalExpired,
        ApprovalStatus.Voided => AuditActions.ApprovalVoided,
        ApprovalStatus.Withdrawn => AuditActions.ApprovalWithdrawn,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A pending request is not closed."),
    };
}

/// <summary>
/// How a request stands after someone acted on it. <paramref name="Stale"/>: it had already been closed before, so
/// this changed nothing. <paramref name="NumberDeleted"/>: the number is gone. <paramref name="ReleaseFailure"/>: approved,
/// but the provider refused to release the number.
/// </summary>
public sealed record ApprovalOutcome(ApprovalRequest Request, bool Stale, bool NumberDeleted, DomainException? ReleaseFailure = null);

/// <summary>
/// Told after a request's state was committed, so everything showing the request (posted cards) is brought up to
/// date promptly; a scheduled sweep catches whatever a lost signal missed.
/// </summary>
public interface IApprovalSignal
{
    Task ChangedAsync(CancellationToken ct);
}
