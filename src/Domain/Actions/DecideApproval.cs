using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Domain.Actions;

/// <summary>Approve or deny a pending request to delete a Live number; a denial may say why.</summary>
public sealed record DecideApproval(Actor Actor, Guid ApprovalId, ApprovalDecision Decision, string? Reason = null);

public sealed class DecideApprovalHandler(
    ProjectGate gate, INumberRepository numbers, ApprovalLedger ledger, ApprovalRelease release, TelephonySteps steps, TimeProvider clock)
{
    public async Task<ApprovalOutcome> HandleAsync(DecideApproval command, CancellationToken ct)
    {
        var (request, closed) = await ledger.OpenAsync(command.ApprovalId, ct);
        if (request is null) return closed!;
        var now = clock.GetUtcNow();

        var (_, decider) = await gate.OpenAsync(command.Actor, request.ProjectId, AccessArea.Numbers, AccessLevel.Read, ct);
        request.EnsureCanDecide(decider);

        var number = await numbers.FindAsync(request.NumberId, ct);
        if (number is null || number.Version != request.NumberVersion)
        {
            request.Void(now, number is null ? "the number was removed meanwhile." : "the number changed after the request was made.");
            return await ledger.CloseAsync(request, Actor.System, ct);
        }

        request.Decide(command.Decision, decider, now, command.Reason);
        if (command.Decision == ApprovalDecision.Deny) return await ledger.CloseAsync(request, command.Actor, ct);

        // The approval and the removal it orders are one commit: a process that dies right after it leaves a step the
        // telephony worker finishes, never an approved number that nobody removes. Only the winner of the decision records it.
        TelephonyOperation? removal = null;
        var outcome = await ledger.CloseAsync(request, command.Actor, ct,
            async c => removal = await steps.RecordRemovalAsync(number, command.Actor, ApprovalRelease.How(request), c));
        return removal is null ? outcome : await release.ReleaseAsync(request, command.Actor, removal, ct);
    }
}
