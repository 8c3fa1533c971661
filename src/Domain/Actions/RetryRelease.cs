using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Domain.Actions;

/// <summary>An admin tries again to release a number whose deletion was approved but refused by the provider.</summary>
public sealed record RetryRelease(Actor Actor, Guid ApprovalId);

public sealed class RetryReleaseHandler(
    ProjectGate gate, IApprovalRepository approvals, INumberRepository numbers, ApprovalRelease release)
{
    public async Task<ApprovalOutcome> HandleAsync(RetryRelease command, CancellationToken ct)
    {
        var request = await approvals.FindAsync(command.ApprovalId, ct)
            ?? throw DomainException.NotFound("There is no such approval request; it may belong to another installation.");
        var (_, who) = await gate.OpenAsync(command.Actor, request.ProjectId, AccessArea.Numbers, AccessLevel.Read, ct);
        who.RequireAdmin("retry releasing a number");
        // Released already (by this button a moment ago, or another admin's): nothing to do twice.
        if (!request.AwaitsRelease) return new ApprovalOutcome(request, Stale: true, NumberDeleted: false);

        if (await numbers.FindAsync(request.NumberId, ct) is not { } number)
        {
            var cleared = await release.ClearFailureAsync(request, ct);
            return new ApprovalOutcome(request, Stale: !cleared, NumberDeleted: cleared);
        }
        try
        {
            return await release.ReleaseAsync(request, command.Actor, number, ct);
        }
        catch (DomainException lost) when (lost.Kind == RefusalKind.Conflict)
        {
            // Another retry removed the number first; it reports the release.
            return new ApprovalOutcome(await approvals.FindAsync(request.Id, ct) ?? request, Stale: true, NumberDeleted: false);
        }
    }
}
