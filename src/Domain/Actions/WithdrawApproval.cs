using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;

namespace NumbersBot.Domain.Actions;

/// <summary>The requester takes back a request to delete a Live number that nobody has decided yet.</summary>
public sealed record WithdrawApproval(Actor Actor, Guid ApprovalId);

public sealed class WithdrawApprovalHandler(IApprovalRepository approvals, ApprovalLedger ledger, TimeProvider clock)
{
    public async Task<ApprovalOutcome> HandleAsync(WithdrawApproval command, CancellationToken ct)
    {
        var request = await approvals.FindAsync(command.ApprovalId, ct)
            ?? throw DomainException.NotFound("There is no such approval request; it may belong to another installation.");
        if (!request.IsPending) return new ApprovalOutcome(request, Stale: true, NumberDeleted: false);

        var now = clock.GetUtcNow();
        if (request.IsOverdue(now))
        {
            request.Expire(now);
            return await ledger.CloseAsync(request, Actor.System, ct);
        }
        request.Withdraw(command.Actor, now);
        return await ledger.CloseAsync(request, command.Actor, ct);
    }
}
