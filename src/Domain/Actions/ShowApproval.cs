using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;

namespace NumbersBot.Domain.Actions;

/// <summary>One request to delete a Live number, as a given person may see it.</summary>
public sealed record ShowApproval(Actor Actor, Guid ApprovalId);

public sealed record ApprovalSeen(ApprovalRequest Request, bool ViewerMayDecide, bool ViewerIsRequester);

public sealed class ShowApprovalHandler(ProjectGate gate, IApprovalRepository approvals)
{
    public async Task<ApprovalSeen> HandleAsync(ShowApproval command, CancellationToken ct)
    {
        var request = await approvals.FindAsync(command.ApprovalId, ct)
            ?? throw DomainException.NotFound("There is no such approval request; it may belong to another installation.");
        var (_, viewer) = await gate.OpenAsync(command.Actor, request.ProjectId, AccessArea.Numbers, AccessLevel.Read, ct);
        var isRequester = viewer.User == request.RequestedBy;
        return new ApprovalSeen(request, ViewerMayDecide: viewer.IsAdmin && !isRequester, isRequester);
    }
}
