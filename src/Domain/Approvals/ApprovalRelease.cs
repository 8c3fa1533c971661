using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Domain.Approvals;

/// <summary>
/// Removes the number an approval was for, as a recorded telephony step. When the provider refuses, the approval is
/// not used up: it stays Approved with the provider's message, audited, until an admin retries (the step stays
/// recorded too, and the telephony worker keeps trying it).
/// </summary>
public sealed class ApprovalRelease(
    IApprovalRepository approvals, TelephonySteps steps, IUnitOfWork unitOfWork, AuditLog audit, IApprovalSignal signal)
{
    public async Task<ApprovalOutcome> ReleaseAsync(ApprovalRequest approved, Actor actor, ProjectNumber number, CancellationToken ct)
    {
        try
        {
            await steps.RemoveAsync(actor, number,
                $"deleted with approval: requested by {approved.RequestedByName}, approved by {approved.DecidedByName}", ct);
        }
        catch (DomainException failure) when (failure.Kind is RefusalKind.ProviderFailed or RefusalKind.OutcomeUnknown)
        {
            approved.ReleaseFailed(failure.Message);
            await using (var work = await unitOfWork.BeginAsync(ct))
            {
                await approvals.TryRecordReleaseAsync(approved, ct);
                await audit.RecordAsync(actor,
                    new AuditedChange(AuditActions.ReleaseFailed, approved.ProjectId, approved.Number, approved.Environment, $"deletion approved by {approved.DecidedByName}", approved.Outcome), ct);
                await work.CommitAsync(ct);
            }
            await signal.ChangedAsync(ct);
            return new ApprovalOutcome(approved, Stale: false, NumberDeleted: false, failure);
        }
        if (approved.AwaitsRelease) await ClearFailureAsync(approved, ct);
        return new ApprovalOutcome(approved, Stale: false, NumberDeleted: true);
    }

    /// <summary>The number is gone (released now, or by an earlier attempt that stopped short): the approval is done.</summary>
    public async Task<bool> ClearFailureAsync(ApprovalRequest approved, CancellationToken ct)
    {
        approved.Released();
        var cleared = await approvals.TryRecordReleaseAsync(approved, ct);
        await signal.ChangedAsync(ct);
        return cleared;
    }
}
