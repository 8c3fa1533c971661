using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;

namespace NumbersBot.Domain.Actions;

/// <summary>The requester takes back a request to delete a Live number that nobody has decided yet.</summary>
public sealed record WithdrawApproval(Actor Actor, Guid ApprovalId);

public sealed class WithdrawApprovalHandler(ApprovalLedger ledger, TimeProvider clock)
{
    public async Task<ApprovalOutcome> HandleAsync(WithdrawApproval command, CancellationToken ct)
    {
        var (request, closed) = await ledger.OpenAsync(command.ApprovalId, ct);
        if (request is null) return closed!;
        request.Withdraw(command.Actor, clock.GetUtcNow());
        return await ledger.CloseAsync(request, command.Actor, ct);
    }
}
