using NumbersBot.Bot.Conversation.Deferred;
using NumbersBot.Bot.Persistence;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class RepositorySuite
{
    [SkippableFact]
    public async Task The_backlog_counts_only_what_still_waits_and_dates_the_oldest_deferred_reply()
    {
        var number = await StoredNumberAsync("+14155550100");
        var other = await StoredNumberAsync("+14155550101");
        await using var bot = NewInstance();
        var empty = await bot.Get<SqlBacklog>().ReadAsync(Ct);
        Assert.Equal(new Backlog(0, null, 0, 0), empty);

        var done = Deferred();
        await bot.DeferredReplies.AddAsync(done, Now.AddMinutes(-10), Ct);
        await bot.DeferredReplies.CompleteAsync(done.Id, Ct);
        await bot.DeferredReplies.AddAsync(Deferred(), Now.AddMinutes(-3), Ct);
        await bot.DeferredReplies.AddAsync(Deferred(), Now.AddMinutes(-1), Ct);
        await bot.Approvals.AddAsync(NewApproval(number), Ct);
        var decided = NewApproval(other);
        await bot.Approvals.AddAsync(decided, Ct);
        decided.Decide(ApprovalDecision.Deny, Carol, Now.AddMinutes(1));
        await bot.Approvals.TryRecordDecisionAsync(decided, Ct);
        var finished = NewOperation(number);
        await bot.Operations.AddAsync(finished, "request:1", Now + Lease, Ct);
        await bot.Operations.CompleteAsync(finished.Id, "request:1", Ct);
        await bot.Operations.AddAsync(NewOperation(number, at: Now.AddSeconds(1)), "request:2", Now + Lease, Ct);

        Assert.Equal(new Backlog(2, Now.AddMinutes(-3), 1, 1), await bot.Get<SqlBacklog>().ReadAsync(Ct));

        static DeferredReply Deferred() => new(Guid.NewGuid(), "slack", "number.add", "slack:T1:U1", "Una", "{}", "{}", 0);
    }
}
