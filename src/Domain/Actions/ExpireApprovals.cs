using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Audit;

namespace NumbersBot.Domain.Actions;

/// <summary>Closes every request whose time ran out; run on a schedule, by nobody in particular.</summary>
public sealed record ExpireApprovals;

public sealed record ApprovalsExpired(IReadOnlyList<ApprovalRequest> Expired);

public sealed class ExpireApprovalsHandler(IApprovalRepository approvals, IUnitOfWork unitOfWork, AuditLog audit, TimeProvider clock)
{
    public async Task<ApprovalsExpired> HandleAsync(ExpireApprovals command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = new List<ApprovalRequest>();
        foreach (var request in await approvals.ListOverdueAsync(now, ct))
        {
            request.Expire(now);
            await using var work = await unitOfWork.BeginAsync(ct);
            // Another instance's sweep, or a late click, may have closed it already: then it is not ours to report.
            if (!await approvals.TryRecordDecisionAsync(request, ct)) continue;
            await audit.RecordAsync(Actor.System, AuditActions.ApprovalExpired, request.ProjectId, request.Number, request.Environment,
                $"deletion requested by {request.RequestedByName}", request.Outcome, ct);
            await work.CommitAsync(ct);
            expired.Add(request);
        }
        return new ApprovalsExpired(expired);
    }
}
