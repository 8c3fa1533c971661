using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class PortContract
{
    [SkippableFact]
    public async Task A_pending_approval_request_reads_back_with_every_field()
    {
        var request = NewApproval(await StoredNumberAsync("+14155550100"));
        await using (var bot = NewInstance()) await bot.Approvals.AddAsync(request, Ct);

        await using var reader = NewInstance();
        Assert.Equivalent(request, await reader.Approvals.FindAsync(request.Id, Ct), strict: true);
        Assert.Equivalent(request, await reader.Approvals.FindPendingForNumberAsync(request.NumberId, Ct), strict: true);
    }

    [SkippableFact]
    public async Task A_decided_approval_request_reads_back_with_its_decision()
    {
        var request = NewApproval(await StoredNumberAsync("+14155550100"));
        await using var bot = NewInstance();
        await bot.Approvals.AddAsync(request, Ct);

        request.Decide(ApprovalDecision.Deny, Carol, Now.AddMinutes(3));
        Assert.True(await bot.Approvals.TryRecordDecisionAsync(request, Ct));

        var stored = await bot.Approvals.FindAsync(request.Id, Ct);
        Assert.Equivalent(request, stored, strict: true);
        Assert.Equal(Carol.User, stored!.DecidedBy);
        Assert.Null(await bot.Approvals.FindPendingForNumberAsync(request.NumberId, Ct));
    }

    [SkippableFact]
    public async Task A_second_pending_request_for_the_same_number_is_refused()
    {
        var number = await StoredNumberAsync("+14155550100");
        await using var bot = NewInstance();
        await bot.Approvals.AddAsync(NewApproval(number), Ct);

        var refused = await Assert.ThrowsAsync<DomainException>(() => bot.Approvals.AddAsync(NewApproval(number), Ct));
        Assert.Equal(RefusalKind.Conflict, refused.Kind);
        Assert.Single(await bot.Approvals.ListPendingAsync(null, Ct));
    }

    [SkippableFact]
    public async Task A_new_request_may_follow_one_that_was_decided()
    {
        var number = await StoredNumberAsync("+14155550100");
        await using var bot = NewInstance();
        var first = NewApproval(number);
        await bot.Approvals.AddAsync(first, Ct);
        first.Expire(first.ExpiresAt);
        await bot.Approvals.TryRecordDecisionAsync(first, Ct);

        var second = NewApproval(number, at: first.ExpiresAt);
        await bot.Approvals.AddAsync(second, Ct);
        Assert.Equal(second.Id, (await bot.Approvals.FindPendingForNumberAsync(number.Id, Ct))!.Id);
    }

    [SkippableFact]
    public async Task Recording_a_decision_already_recorded_by_someone_else_returns_false()
    {
        var request = NewApproval(await StoredNumberAsync("+14155550100"));
        await using (var bot = NewInstance()) await bot.Approvals.AddAsync(request, Ct);
        await using var first = NewInstance();
        await using var second = NewInstance();
        var firstCopy = (await first.Approvals.FindAsync(request.Id, Ct))!;
        var secondCopy = (await second.Approvals.FindAsync(request.Id, Ct))!;

        firstCopy.Decide(ApprovalDecision.Approve, Bob, Now.AddMinutes(1));
        secondCopy.Decide(ApprovalDecision.Deny, Carol, Now.AddMinutes(2));
        Assert.True(await first.Approvals.TryRecordDecisionAsync(firstCopy, Ct));
        Assert.False(await second.Approvals.TryRecordDecisionAsync(secondCopy, Ct));

        var stored = (await second.Approvals.FindAsync(request.Id, Ct))!;
        Assert.Equal((ApprovalStatus.Approved, Bob.User), (stored.Status, stored.DecidedBy));
    }

    [SkippableFact]
    public async Task Pending_requests_are_listed_oldest_first_for_one_project_or_all()
    {
        var late = NewApproval(await StoredNumberAsync("+14155550101"), at: Now.AddMinutes(2));
        var early = NewApproval(await StoredNumberAsync("+14155550102"), at: Now);
        var elsewhere = NewApproval(await StoredNumberAsync("+14155550103", projectId: "beta"), at: Now.AddMinutes(1));
        var decided = NewApproval(await StoredNumberAsync("+14155550104"), at: Now.AddMinutes(-1));
        await using var bot = NewInstance();
        foreach (var request in new[] { late, early, elsewhere, decided }) await bot.Approvals.AddAsync(request, Ct);
        decided.Decide(ApprovalDecision.Approve, Bob, Now);
        await bot.Approvals.TryRecordDecisionAsync(decided, Ct);

        Assert.Equal([early.Id, late.Id], (await bot.Approvals.ListPendingAsync("alpha", Ct)).Select(r => r.Id));
        Assert.Equal([early.Id, elsewhere.Id, late.Id], (await bot.Approvals.ListPendingAsync(null, Ct)).Select(r => r.Id));
    }

    [SkippableFact]
    public async Task Overdue_requests_are_the_pending_ones_whose_time_ran_out()
    {
        var overdue = NewApproval(await StoredNumberAsync("+14155550101"), at: Now.AddHours(-2));
        var dueExactlyNow = NewApproval(await StoredNumberAsync("+14155550102"), at: Now - ApprovalPolicy.Default.Lifetime);
        var open = NewApproval(await StoredNumberAsync("+14155550103"), at: Now.AddMinutes(-1));
        var closed = NewApproval(await StoredNumberAsync("+14155550104"), at: Now.AddHours(-3));
        await using var bot = NewInstance();
        foreach (var request in new[] { overdue, dueExactlyNow, open, closed }) await bot.Approvals.AddAsync(request, Ct);
        closed.Void(Now.AddHours(-3), "the number changed after the request was made.");
        await bot.Approvals.TryRecordDecisionAsync(closed, Ct);

        Assert.Equal([overdue.Id, dueExactlyNow.Id], (await bot.Approvals.ListOverdueAsync(Now, Ct)).Select(r => r.Id));
    }

    [SkippableFact]
    public async Task A_release_failure_reads_back_and_only_one_of_two_retries_clears_it()
    {
        await using var bot = NewInstance();
        var request = await DecidedAsync(bot, await StoredNumberAsync("+14155550100"), ApprovalDecision.Approve);

        request.ReleaseFailed("Twilio is down.");
        Assert.True(await bot.Approvals.TryRecordReleaseAsync(request, Ct));
        var stored = await bot.Approvals.FindAsync(request.Id, Ct);
        Assert.Equal(("Twilio is down.", "ReleaseFailed"), (stored!.ReleaseFailure, stored.ShownState));

        stored.Released();
        await using var other = NewInstance();
        var second = await other.Approvals.FindAsync(request.Id, Ct);
        second!.Released();
        Assert.True(await bot.Approvals.TryRecordReleaseAsync(stored, Ct));
        Assert.False(await other.Approvals.TryRecordReleaseAsync(second, Ct));
        Assert.Null((await bot.Approvals.FindAsync(request.Id, Ct))!.ReleaseFailure);
    }

    [SkippableFact]
    public async Task Only_approved_requests_whose_release_failed_are_listed_as_awaiting_release()
    {
        var number = await StoredNumberAsync("+14155550100");
        await using var bot = NewInstance();
        var approved = await DecidedAsync(bot, number, ApprovalDecision.Approve);
        Assert.Empty(await bot.Approvals.ListAwaitingReleaseAsync(number.Id, Ct));

        approved.ReleaseFailed("Twilio is down.");
        await bot.Approvals.TryRecordReleaseAsync(approved, Ct);

        var awaiting = Assert.Single(await bot.Approvals.ListAwaitingReleaseAsync(number.Id, Ct));
        Assert.Equal((approved.Id, "Twilio is down."), (awaiting.Id, awaiting.ReleaseFailure));
        Assert.Empty(await bot.Approvals.ListAwaitingReleaseAsync(Guid.NewGuid(), Ct));
    }

    [SkippableFact]
    public async Task A_denial_reason_reads_back()
    {
        await using var bot = NewInstance();
        var request = await DecidedAsync(bot, await StoredNumberAsync("+14155550100"), ApprovalDecision.Deny, "Printed on our flyers.");

        Assert.EndsWith(": Printed on our flyers.", (await bot.Approvals.FindAsync(request.Id, Ct))!.Outcome);
    }

    [SkippableFact]
    public async Task Two_instances_deciding_the_same_request_at_once_produce_exactly_one_winner()
    {
        for (var round = 0; round < 20; round++)
        {
            var request = NewApproval(await StoredNumberAsync($"+1415555{round + 100:D4}"));
            await using (var bot = NewInstance()) await bot.Approvals.AddAsync(request, Ct);

            using var ready = new Barrier(2);
            var wins = await Task.WhenAll(
                Task.Run(() => DecideOnAnotherInstanceAsync(request.Id, Bob, ready)),
                Task.Run(() => DecideOnAnotherInstanceAsync(request.Id, Carol, ready)));

            Assert.Single(wins, won => won);
            await using var reader = NewInstance();
            var history = await reader.Audit.ForNumberAsync(request.Number, Ct);
            var winner = wins[0] ? Bob : Carol;
            Assert.Equal(winner.User, (await reader.Approvals.FindAsync(request.Id, Ct))!.DecidedBy);
            Assert.Equal([winner.User.Key], history.Select(e => e.ActorKey));
        }
    }

    /// <summary>A request for <paramref name="number"/>, added and then decided by Carol a minute later.</summary>
    private static async Task<ApprovalRequest> DecidedAsync(BotInstance bot, ProjectNumber number, ApprovalDecision decision, string? reason = null)
    {
        var request = NewApproval(number);
        await bot.Approvals.AddAsync(request, Ct);
        request.Decide(decision, Carol, Now.AddMinutes(1), reason);
        Assert.True(await bot.Approvals.TryRecordDecisionAsync(request, Ct));
        return request;
    }

    /// <summary>
    /// Loads, decides and stores inside one unit of work, as a handler may. On SQLite a deferred transaction that
    /// read first fails with SQLITE_BUSY when it then writes; on PostgreSQL both read Pending and the update decides.
    /// </summary>
    private async Task<bool> DecideOnAnotherInstanceAsync(Guid requestId, UserAccess decider, Barrier ready)
    {
        await using var bot = NewInstance();
        await bot.Approvals.ListPendingAsync(null, Ct); // connected, so both start from the same line
        ready.SignalAndWait(TimeSpan.FromSeconds(30));

        await using var work = await bot.BeginAsync();
        var request = (await bot.Approvals.FindAsync(requestId, Ct))!;
        if (!request.IsPending) return false;
        request.Decide(ApprovalDecision.Approve, decider, Now.AddMinutes(1));
        if (!await bot.Approvals.TryRecordDecisionAsync(request, Ct)) return false;
        await bot.Audit.AppendAsync(
            new AuditEntry(Guid.NewGuid(), Now.AddMinutes(1), decider.User.Key, decider.DisplayName, decider.User.Channel,
                AuditActions.ApprovalApproved, request.ProjectId, request.Number, request.Environment, null, request.Outcome), Ct);
        await work.CommitAsync(Ct);
        return true;
    }
}
