using NumbersBot.Bot.Cards.Views;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Approvals;

namespace NumbersBot.Bot.Conversation;

public sealed class ApprovalVerbs(
    ListApprovalsHandler list, ShowApprovalHandler show, DecideApprovalHandler decide, WithdrawApprovalHandler withdraw,
    RetryReleaseHandler retry, Telephony.NumberTraffic traffic, ILogger<ApprovalVerbs> logger)
{
    public static IReadOnlyList<Verb> Declarations { get; } =
    [
        Verb.Of<ApprovalVerbs>(Verbs.ShowApprovals, v => v.ShowAsync) with
        {
            Help = new("approvals", "Requests to delete Live numbers that are waiting for a second person."),
            Words = ["approvals", "approval", "pending"],
            Refreshes = new(ViewNames.Approvals, _ => new Dictionary<string, string?>()),
        },
        Verb.Of<ApprovalVerbs>(Verbs.Approve, v => v.ApproveAsync) with { ChangesState = true, ShowsState = Verbs.ShowApprovals },
        Verb.Of<ApprovalVerbs>(Verbs.Deny, v => v.DenyAsync) with { ChangesState = true, ShowsState = Verbs.ShowApprovals },
        Verb.Of<ApprovalVerbs>(Verbs.ShowApproval, v => v.ShowOneAsync) with
        {
            Refreshes = new(ViewNames.Approval, model => new Dictionary<string, string?> { [Keys.ApprovalId] = ((ApprovalView)model).Id }),
        },
        Verb.Of<ApprovalVerbs>(Verbs.Withdraw, v => v.WithdrawAsync) with { ChangesState = true, ShowsState = Verbs.ShowApprovals },
        Verb.Of<ApprovalVerbs>(Verbs.RetryRelease, v => v.RetryReleaseAsync) with { ChangesState = true, ShowsState = Verbs.ShowApprovals },
    ];

    public async Task<Reply> ShowAsync(ConversationRequest request, CancellationToken ct) =>
        new(ViewNames.Approvals, ApprovalsView.From(await list.HandleAsync(new ListApprovals(request.Actor), ct), time: request.Time), ReplacesCard: false);

    /// <summary>One request as this viewer may see it (Teams asks when a card refreshes).</summary>
    public async Task<Reply> ShowOneAsync(ConversationRequest request, CancellationToken ct)
    {
        var seen = await show.HandleAsync(new ShowApproval(request.Actor, request.RequiredId(Keys.ApprovalId)), ct);
        return new Reply(ViewNames.Approval, ApprovalView.From(seen.Request, AudienceOf(seen), time: request.Time,
            traffic: await traffic.OfAsync(seen.Request, request.Time, ct)));
    }

    public Task<Reply> ApproveAsync(ConversationRequest request, CancellationToken ct) =>
        AnswerAsync(request, ApprovalAudience.Approver,
            decide.HandleAsync(new DecideApproval(request.Actor, request.RequiredId(Keys.ApprovalId), ApprovalDecision.Approve), ct), ct);

    public Task<Reply> DenyAsync(ConversationRequest request, CancellationToken ct) =>
        AnswerAsync(request, ApprovalAudience.Approver,
            decide.HandleAsync(new DecideApproval(request.Actor, request.RequiredId(Keys.ApprovalId), ApprovalDecision.Deny, request.Optional(Keys.Reason)), ct), ct);

    public Task<Reply> WithdrawAsync(ConversationRequest request, CancellationToken ct) =>
        AnswerAsync(request, ApprovalAudience.Requester, withdraw.HandleAsync(new WithdrawApproval(request.Actor, request.RequiredId(Keys.ApprovalId)), ct), ct);

    public Task<Reply> RetryReleaseAsync(ConversationRequest request, CancellationToken ct) =>
        AnswerAsync(request, ApprovalAudience.Approver, retry.HandleAsync(new RetryRelease(request.Actor, request.RequiredId(Keys.ApprovalId)), ct), ct);

    /// <summary>
    /// The answer replaces the card the button was on: the request with its outcome and no stale buttons, or, for a
    /// button on the approvals list, the list without the decided request.
    /// </summary>
    private async Task<Reply> AnswerAsync(ConversationRequest request, ApprovalAudience clicker, Task<ApprovalOutcome> acting, CancellationToken ct)
    {
        var outcome = await acting;
        if (outcome.ReleaseFailure is { } failure)
            logger.LogWarning("Approved deletion {Approval} of {Number}: the provider refused the release ({Code}): {Failure}",
                outcome.Request.Id, outcome.Request.Number, failure.ProviderCode ?? failure.Kind.ToString(), failure.Message);
        var notice = outcome.Stale ? Notice.Attention("Nothing changed: this request was already closed.")
            : outcome.ReleaseFailure is not null ? Notice.Attention("The number is still held: an admin can retry the release.")
            : outcome.NumberDeleted ? Notice.Good("The number is deleted.")
            : null;
        if (request.Optional(Keys.Origin) == ApprovalsView.FromList)
        {
            var pending = await list.HandleAsync(new ListApprovals(request.Actor), ct);
            var said = $"{Domain.Numbers.PhoneNumber.Parse(outcome.Request.Number).Display}: {outcome.Request.OutcomeAt(request.Time.Format)}{(notice is null ? "" : $" {notice.Text}")}";
            return new Reply(ViewNames.Approvals, ApprovalsView.From(pending, new Notice(said, notice?.Style ?? "good"), request.Time));
        }
        return new Reply(ViewNames.Approval, ApprovalView.From(outcome.Request, clicker, notice, request.Time,
            await traffic.OfAsync(outcome.Request, request.Time, ct)));
    }

    private static ApprovalAudience AudienceOf(ApprovalSeen seen) =>
        seen.ViewerMayDecide ? ApprovalAudience.Approver
        : seen.ViewerIsRequester ? ApprovalAudience.Requester
        : ApprovalAudience.Onlooker;
}
