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
    /// <summary>How the removal is described in the number's history.</summary>
    public static string How(ApprovalRequest approved) =>
        $"deleted with approval: requested by {approved.RequestedByName}, approved by {approved.DecidedByName}";

    /// <summary>Runs the removal the approval recorded with its decision.</summary>
    public Task<ApprovalOutcome> ReleaseAsync(ApprovalRequest approved, Actor actor, TelephonyOperation removal, CancellationToken ct) =>
        ReleaseAsync(approved, actor, c => steps.RunAsync(removal, c), ct);

    /// <summary>Removes the number again (Retry release): the pending removal is run, or a new one recorded.</summary>
    public Task<ApprovalOutcome> ReleaseAsync(ApprovalRequest approved, Actor actor, ProjectNumber number, CancellationToken ct) =>
        ReleaseAsync(approved, actor, c => steps.RemoveAsync(actor, number, How(approved), c), ct);

    private async Task<ApprovalOutcome> ReleaseAsync(ApprovalRequest approved, Actor actor, Func<CancellationToken, Task> remove, CancellationToken ct)
    {
        try
        {
            await remove(ct);
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
