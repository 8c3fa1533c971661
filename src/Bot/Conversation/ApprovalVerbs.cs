using NumbersBot.Bot.Cards.Views;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Approvals;

namespace NumbersBot.Bot.Conversation;

public sealed class ApprovalVerbs(ListApprovalsHandler list, DecideApprovalHandler decide)
{
    public async Task<Reply> ShowAsync(ConversationRequest request, CancellationToken ct) =>
        new(ViewNames.Approvals, ApprovalsView.From(await list.HandleAsync(new ListApprovals(request.Actor), ct)), ReplacesCard: false);

    public Task<Reply> ApproveAsync(ConversationRequest request, CancellationToken ct) => DecideAsync(request, ApprovalDecision.Approve, ct);

    public Task<Reply> DenyAsync(ConversationRequest request, CancellationToken ct) => DecideAsync(request, ApprovalDecision.Deny, ct);

    /// <summary>The answer replaces the request's card everywhere it is shown: buttons gone, outcome, who and when.</summary>
    private async Task<Reply> DecideAsync(ConversationRequest request, ApprovalDecision decision, CancellationToken ct)
    {
        var outcome = await decide.HandleAsync(new DecideApproval(request.Actor, request.RequiredId(Keys.ApprovalId), decision), ct);
        var notice = outcome.Stale
            ? Notice.Attention($"Nothing changed: this request was already closed. {outcome.Request.Outcome}")
            : outcome.NumberDeleted ? Notice.Good($"{outcome.Request.Outcome} The number is deleted.") : null;
        return new Reply(ViewNames.Approval, ApprovalView.From(outcome.Request, mayDecide: false, notice));
    }
}
