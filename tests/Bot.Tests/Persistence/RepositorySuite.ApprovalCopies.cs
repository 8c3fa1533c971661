using NumbersBot.Bot.Approvals;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class RepositorySuite
{
    private static readonly Actor Requester = new(UserRef.Local("alice"), "Alice");

    [SkippableFact]
    public async Task A_copy_is_claimed_once_whichever_instance_asks()
    {
        var request = NewApproval(await StoredNumberAsync("+14155550100"));
        await using (var bot = NewInstance()) await bot.Approvals.AddAsync(request, Ct);
        var copy = new ApprovalCopy(request.Id, "slack", CopyKind.Approvers, "C0APPROVALS", null, null, 1);

        await using var first = NewInstance();
        await using var second = NewInstance();
        Assert.Equal([request.Id], await first.Copies.PendingWithoutCopyAsync("slack", CopyKind.Approvers, "C0APPROVALS", 10, Ct));
        var claims = await Task.WhenAll(
            first.Copies.TryClaimAsync(copy, Now, Now.AddMinutes(2), Ct), second.Copies.TryClaimAsync(copy, Now, Now.AddMinutes(2), Ct));

        Assert.Single(claims, claimed => claimed);
        Assert.Empty(await first.Copies.PendingWithoutCopyAsync("slack", CopyKind.Approvers, "C0APPROVALS", 10, Ct));
        Assert.Equal([request.Id], await first.Copies.PendingWithoutCopyAsync("teams", CopyKind.Approvers, "19:approvers", 10, Ct));
    }

    [SkippableFact]
    public async Task A_copy_is_out_of_date_when_its_request_moved_on_and_leased_to_one_instance_at_a_time()
    {
        var request = NewApproval(await StoredNumberAsync("+14155550100"));
        await using var bot = NewInstance();
        await bot.Approvals.AddAsync(request, Ct);
        var copy = new ApprovalCopy(request.Id, "teams", CopyKind.Approvers, "19:approvers", null, null, 1);
        await bot.Copies.TryClaimAsync(copy, Now, Now.AddMinutes(2), Ct);
        Assert.Empty(await bot.Copies.OutOfDateAsync(Now, 10, Ct)); // leased while it is being posted
        await bot.Copies.RecordShownAsync(copy, "{\"activityId\":\"a1\"}", request.ShownState, Now, Ct);
        Assert.Empty(await bot.Copies.OutOfDateAsync(Now.AddMinutes(1), 10, Ct));

        request.Withdraw(Requester, Now.AddMinutes(1));
        await bot.Approvals.TryRecordDecisionAsync(request, Ct);

        var stale = Assert.Single(await bot.Copies.OutOfDateAsync(Now.AddMinutes(1), 10, Ct));
        Assert.Equal(("{\"activityId\":\"a1\"}", "Pending"), (stale.Address, stale.ShownState));
        await using var other = NewInstance();
        Assert.True(await bot.Copies.TryLeaseAsync(stale, Now.AddMinutes(1), Now.AddMinutes(3), Ct));
        Assert.False(await other.Copies.TryLeaseAsync(stale, Now.AddMinutes(1), Now.AddMinutes(3), Ct));

        await bot.Copies.RetryLaterAsync(stale, Now.AddMinutes(5), "HTTP 503", Ct);
        Assert.Empty(await bot.Copies.OutOfDateAsync(Now.AddMinutes(4), 10, Ct));
        Assert.Single(await bot.Copies.OutOfDateAsync(Now.AddMinutes(5), 10, Ct));

        await bot.Copies.RecordShownAsync(stale, null, "Withdrawn", Now.AddMinutes(5), Ct);
        Assert.Empty(await bot.Copies.OutOfDateAsync(Now.AddMinutes(6), 10, Ct));
        var shown = Assert.Single(await bot.Copies.ForApprovalAsync(request.Id, Ct));
        Assert.Equal(("{\"activityId\":\"a1\"}", "Withdrawn", 0), (shown.Address, shown.ShownState, shown.Attempts));
    }

    [SkippableFact]
    public async Task A_copy_given_up_is_never_out_of_date_again_and_keeps_why()
    {
        var request = NewApproval(await StoredNumberAsync("+14155550100"));
        await using var bot = NewInstance();
        await bot.Approvals.AddAsync(request, Ct);
        var copy = new ApprovalCopy(request.Id, "slack", CopyKind.Requester, "slack:T1:U1", "{\"response_url\":\"https://hooks.slack.com/r\"}", null, 0);
        await bot.Copies.TryClaimAsync(copy, Now, Now, Ct);
        Assert.Single(await bot.Copies.OutOfDateAsync(Now, 10, Ct));

        await bot.Copies.GiveUpAsync(copy, "expired_url", Now, Ct);
        request.Withdraw(Requester, Now.AddMinutes(1));
        await bot.Approvals.TryRecordDecisionAsync(request, Ct);

        Assert.Empty(await bot.Copies.OutOfDateAsync(Now.AddDays(1), 10, Ct));
        Assert.Equal(ApprovalCopy.GivenUp, Assert.Single(await bot.Copies.ForApprovalAsync(request.Id, Ct)).ShownState);
    }
}
