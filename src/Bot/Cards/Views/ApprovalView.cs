using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Cards.Views;

/// <summary>
/// One request to delete a Live number, as a card. A decided request keeps no question in its title and no buttons,
/// except "Retry release" for an approver when the provider refused the release.
/// </summary>
public sealed record ApprovalView(
    string Id, string ProjectId, string Number, string Environment, string RequestedBy, string RequestedAt, string ExpiresAt,
    string Title, string Status, string Outcome, bool IsPending, bool MayDecide, bool MayWithdraw, bool MayRetryRelease, Notice? Notice,
    string? Origin = null, RecentCallsView? Traffic = null)
{
    /// <param name="time">How the viewer reads times; UTC for a copy no one in particular looks at.</param>
    /// <param name="traffic">The number's recent calls, while the request is pending.</param>
    public static ApprovalView From(ApprovalRequest request, ApprovalAudience audience, Notice? notice = null, ViewerTime? time = null,
        RecentCallsView? traffic = null)
    {
        time ??= ViewerTime.Utc;
        var number = Domain.Numbers.PhoneNumber.Parse(request.Number).Display;
        return new ApprovalView(
            request.Id.ToString(), request.ProjectId, number, request.Environment.DisplayName(),
            request.RequestedByName, time.Format(request.RequestedAt), time.Format(request.ExpiresAt),
            request.IsPending ? $"Delete Live number {number}?" : $"Deleting Live number {number}: {StatusOf(request).ToLowerInvariant()}",
            StatusOf(request), OutcomeOf(request, time), request.IsPending,
            MayDecide: audience == ApprovalAudience.Approver && request.IsPending,
            MayWithdraw: audience == ApprovalAudience.Requester && request.IsPending,
            MayRetryRelease: audience == ApprovalAudience.Approver && request.AwaitsRelease,
            notice, Traffic: request.IsPending ? traffic : null);
    }

    // "Approved" alone left people asking whether the number was gone; a failed release says so in its own words.
    private static string OutcomeOf(ApprovalRequest request, ViewerTime time) =>
        request.Status == ApprovalStatus.Approved && !request.AwaitsRelease
            ? $"{request.OutcomeAt(time.Format)} The number is deleted: calls to it no longer reach the agent."
            : request.OutcomeAt(time.Format);

    private static string StatusOf(ApprovalRequest request) => request.Status switch
    {
        ApprovalStatus.Pending => "Waiting for approval",
        ApprovalStatus.Approved when request.AwaitsRelease => "Approved; release failed",
        ApprovalStatus.Voided => "Void",
        var status => status.ToString(),
    };
}
