using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Domain.Actions;

/// <summary>Approve or deny a pending request to delete a Live number.</summary>
public sealed record DecideApproval(Actor Actor, Guid ApprovalId, ApprovalDecision Decision);

/// <summary>
/// How the request stands after the click. <paramref name="Stale"/>: it had already been decided (or expired, or
/// voided) before this click, which changed nothing. <paramref name="NumberDeleted"/>: the approval removed the number.
/// </summary>
public sealed record ApprovalOutcome(ApprovalRequest Request, bool Stale, bool NumberDeleted);

public sealed class DecideApprovalHandler(
    ProjectGate gate,
    IApprovalRepository approvals,
    INumberRepository numbers,
    ITelephonyProvider telephony,
    IUnitOfWork unitOfWork,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<ApprovalOutcome> HandleAsync(DecideApproval command, CancellationToken ct)
    {
        var request = await approvals.FindAsync(command.ApprovalId, ct)
            ?? throw DomainException.NotFound("There is no such approval request; it may belong to another installation.");
        if (!request.IsPending) return new ApprovalOutcome(request, Stale: true, NumberDeleted: false);

        var now = clock.GetUtcNow();
        if (request.IsOverdue(now))
        {
            request.Expire(now);
            return await RecordAsync(request, Actor.System, AuditActions.ApprovalExpired, ct);
        }

        var (_, decider) = await gate.OpenAsync(command.Actor, request.ProjectId, AccessArea.Numbers, AccessLevel.Read, ct);
        request.EnsureCanDecide(decider);

        var number = await numbers.FindAsync(request.NumberId, ct);
        if (number is null || number.Version != request.NumberVersion)
        {
            request.Void(now, number is null ? "the number was removed meanwhile." : "the number changed after the request was made.");
            return await RecordAsync(request, Actor.System, AuditActions.ApprovalVoided, ct);
        }

        request.Decide(command.Decision, decider, now);
        var action = command.Decision == ApprovalDecision.Approve ? AuditActions.ApprovalApproved : AuditActions.ApprovalDenied;
        var outcome = await RecordAsync(request, command.Actor, action, ct);
        if (outcome.Stale || command.Decision == ApprovalDecision.Deny) return outcome;

        // The decision is claimed (exactly once); only the winner removes the number.
        await DeleteNumberHandler.RemoveAsync(telephony, numbers, unitOfWork, audit, command.Actor, number,
            $"deleted with approval: requested by {request.RequestedByName}, approved by {command.Actor.DisplayName}", ct);
        return outcome with { NumberDeleted = true };
    }

    /// <summary>Stores the decision if nobody beat us to it; otherwise shows how the request really stands.</summary>
    private async Task<ApprovalOutcome> RecordAsync(ApprovalRequest decided, Actor actor, string action, CancellationToken ct)
    {
        await using var work = await unitOfWork.BeginAsync(ct);
        if (!await approvals.TryRecordDecisionAsync(decided, ct))
        {
            var current = await approvals.FindAsync(decided.Id, ct) ?? decided;
            return new ApprovalOutcome(current, Stale: true, NumberDeleted: false);
        }
        await audit.RecordAsync(actor, action, decided.ProjectId, decided.Number, decided.Environment,
            $"deletion requested by {decided.RequestedByName}", decided.Outcome, ct);
        await work.CommitAsync(ct);
        return new ApprovalOutcome(decided, Stale: false, NumberDeleted: false);
    }
}
