using NumbersBot.Domain.Approvals;

namespace NumbersBot.Domain.Actions;

/// <summary>Closes every request whose time ran out; run on a schedule, by nobody in particular.</summary>
public sealed record ExpireApprovals;

public sealed record ApprovalsExpired(IReadOnlyList<ApprovalRequest> Expired);

public sealed class ExpireApprovalsHandler(IApprovalRepository approvals, ApprovalLedger ledger, IUnitOfWork unitOfWork, IApprovalSignal signal, TimeProvider clock)
{
    public async Task<ApprovalsExpired> HandleAsync(ExpireApprovals command, CancellationToken ct)
    {
        var expired = new List<ApprovalRequest>();
        foreach (var request in await approvals.ListOverdueAsync(clock.GetUtcNow(), ct))
        {
            await using var work = await unitOfWork.BeginAsync(ct);
            // Another instance's sweep, or a late click, may have closed it already: then it is not ours to report.
            if (!await ledger.TryExpireAsync(request, ct)) continue;
            await work.CommitAsync(ct);
            expired.Add(request);
        }
        if (expired.Count > 0) await signal.ChangedAsync(ct);
        return new ApprovalsExpired(expired);
    }
}
