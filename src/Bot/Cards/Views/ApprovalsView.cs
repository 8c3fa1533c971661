using NumbersBot.Domain.Actions;

namespace NumbersBot.Bot.Cards.Views;

public sealed record ApprovalsView(int Count, IReadOnlyList<ApprovalView> Requests, Notice? Notice = null)
{
    /// <summary>Marks the list's buttons, so a decision made from the list answers with the list.</summary>
    public const string FromList = "list";

    public static ApprovalsView From(PendingApprovals pending, Notice? notice = null, ViewerTime? time = null) => new(
        pending.Requests.Count,
        pending.Requests.Select(r => ApprovalView.From(r, pending.ViewerMayDecide(r) ? ApprovalAudience.Approver
            : r.RequestedBy == pending.Viewer.User ? ApprovalAudience.Requester : ApprovalAudience.Onlooker, time: time) with { Origin = FromList }).ToList(),
        notice);
}
