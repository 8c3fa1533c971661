using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;

namespace NumbersBot.Domain.Actions;

/// <summary>The requests waiting for a second person, across all projects.</summary>
public sealed record ListApprovals(Actor Actor);

public sealed record PendingApprovals(IReadOnlyList<ApprovalRequest> Requests, UserAccess Viewer)
{
    /// <summary>Whether the viewer could decide this one (an admin, and not the requester).</summary>
    public bool ViewerMayDecide(ApprovalRequest request) => Viewer.IsAdmin && request.RequestedBy != Viewer.User;
}

public sealed class ListApprovalsHandler(ProjectGate gate, IApprovalRepository approvals, TimeProvider clock)
{
    public async Task<PendingApprovals> HandleAsync(ListApprovals command, CancellationToken ct)
    {
        var viewer = await gate.AccessAsync(command.Actor, ct);
        viewer.Require(AccessArea.Numbers, AccessLevel.Read);
        var now = clock.GetUtcNow();
        var open = (await approvals.ListPendingAsync(null, ct)).Where(r => !r.IsOverdue(now)).OrderBy(r => r.RequestedAt).ToList();
        return new PendingApprovals(open, viewer);
    }
}
