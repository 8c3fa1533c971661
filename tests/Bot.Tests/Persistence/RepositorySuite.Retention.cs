using NumbersBot.Bot.Conversation.Deferred;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class RepositorySuite
{
    [SkippableFact]
    public async Task Retention_removes_old_short_lived_state_and_keeps_the_recent_the_unfinished_and_the_audit_trail()
    {
        // The clock only moves forward: "old" is its start, "recent" a month later.
        var old = Now;
        var recent = Now.AddDays(31);
        var cutoff = Now.AddDays(1);
        var number = await StoredNumberAsync("+14155550199");
        await using (var bot = NewInstance())
        {
            await bot.Deliveries.TryRecordFirstAsync("slack", "old-event", Ct);
            await bot.TeamsConversations.SaveConversationAsync(Conversation("old-chat"), Ct);
            await bot.Choices.RememberAsync("local:alice", "old-chat", "alpha", Ct);
            await bot.DeferredReplies.AddAsync(Reply(), old, Ct);
            var done = Reply();
            await bot.DeferredReplies.AddAsync(done, old, Ct);
            await bot.DeferredReplies.CompleteAsync(done.Id, Ct);
            var failed = Reply();
            await bot.DeferredReplies.AddAsync(failed, old, Ct);
            await bot.DeferredReplies.FailAsync(failed.Id, "gone", Ct);
            await bot.Intents.TryBeginAsync(NewIntent("old-pending", old), Ct);
            await bot.Intents.TryBeginAsync(NewIntent("old-completed", old), Ct);
            await bot.Intents.CompleteAsync("old-completed", Guid.NewGuid(), Ct);
            await bot.Intents.TryBeginAsync(NewIntent("old-failed", old), Ct);
            await bot.Intents.FailAsync("old-failed", "no numbers", Ct);
            await bot.Audit.AppendAsync(NewEntry(old, AuditActions.NumberAdded), Ct);
            var oldDone = NewOperation(number, at: old);
            await bot.Operations.AddAsync(oldDone, "request:old", old, Ct);
            await bot.Operations.CompleteAsync(oldDone.Id, "request:old", Ct);
            await bot.Operations.AddAsync(NewOperation(number, TelephonyStep.Remove, old), "request:stuck", old, Ct);

            Clock.SetUtcNow(recent);
            await bot.Deliveries.TryRecordFirstAsync("slack", "new-event", Ct);
            await bot.TeamsConversations.SaveConversationAsync(Conversation("new-chat"), Ct);
            var finished = Reply();
            await bot.DeferredReplies.AddAsync(finished, recent, Ct);
            await bot.DeferredReplies.CompleteAsync(finished.Id, Ct);
            await bot.Intents.TryBeginAsync(NewIntent("new-completed", recent), Ct);
            await bot.Intents.CompleteAsync("new-completed", Guid.NewGuid(), Ct);
            var newDone = NewOperation(number, at: recent);
            await bot.Operations.AddAsync(newDone, "request:new", recent, Ct);
            await bot.Operations.CompleteAsync(newDone.Id, "request:new", Ct);
        }

        await using var pruner = NewInstance();
        var pruned = await pruner.Retention.PruneOlderThanAsync(cutoff, Ct);

        Assert.Equal(new NumbersBot.Bot.Persistence.Pruned(Deliveries: 1, DeferredReplies: 2, Conversations: 1, PurchaseIntents: 2, ProjectChoices: 1, TelephonySteps: 1), pruned);
        Assert.True(await pruner.Deliveries.TryRecordFirstAsync("slack", "old-event", Ct));
        Assert.False(await pruner.Deliveries.TryRecordFirstAsync("slack", "new-event", Ct));
        Assert.Null(await pruner.TeamsConversations.FindConversationAsync("old-chat", Ct));
        Assert.NotNull(await pruner.TeamsConversations.FindConversationAsync("new-chat", Ct));
        Assert.Null(await pruner.Choices.FindAsync("local:alice", "old-chat", Ct));
        Assert.Equal(["old-pending"], (await pruner.Intents.ListPendingAsync(Ct)).Select(i => i.Key));
        Assert.Single(await pruner.DeferredReplies.DueAsync(recent, 10, Ct));
        Assert.Equal(TelephonyStep.Remove, Assert.Single(await pruner.Operations.ListPendingAsync(Ct)).Step); // unfinished: kept
        Assert.Single(await pruner.Audit.ForNumberAsync("+14155550100", Ct));
        Assert.Equal(0, (await pruner.Retention.PruneOlderThanAsync(cutoff, Ct)).Total);
    }

    private static NumbersBot.Bot.Channels.Teams.TeamsConversation Conversation(string id) => new("https://smba.trafficmanager.net/emea/", id, null, null, null);

    private static DeferredReply Reply() => new(Guid.NewGuid(), "slack", "number.add", "local:alice", "Alice", "{}", "{}", 0);
}
