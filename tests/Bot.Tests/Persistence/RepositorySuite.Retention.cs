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

        Assert.Equal(new NumbersBot.Bot.Persistence.Pruned(Deliveries: 1, DeferredReplies: 2, Conversations: 1, PurchaseIntents: 2, ProjectChoices: 1, TelephonySteps: 1, SlackReplies: 0), pruned);
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

    [SkippableFact]
    public async Task Teams_references_and_service_urls_in_use_for_longer_than_the_retention_period_survive_it_and_unused_ones_do_not()
    {
        var keepFor = TimeSpan.FromDays(30);
        await using var bot = NewInstance();
        var scopes = bot.Get<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>();
        var policy = new NumbersBot.Bot.Hosting.RetentionPolicy(keepFor, TimeSpan.FromHours(1));
        // One long-running process: its memo would otherwise write each reference once and never again.
        var conversations = new NumbersBot.Bot.Channels.Teams.TeamsConversations(scopes, Clock, policy);
        var trusted = new NumbersBot.Bot.Channels.Teams.TrustedServiceUrls(scopes, Clock, policy);
        var alice = NumbersBot.Domain.Access.UserRef.Teams("tenant-1", "alice");
        var bob = NumbersBot.Domain.Access.UserRef.Teams("tenant-1", "bob");
        await conversations.RememberAsync(Activity("a:alice-chat", "alice", InUseUrl), alice, Ct);
        await trusted.TrustAsync(InUseUrl, Ct);
        await conversations.RememberAsync(Activity("a:bob-chat", "bob", UnusedUrl), bob, Ct);
        await trusted.TrustAsync(UnusedUrl, Ct);

        for (var day = 0; day < 45; day++) // Alice writes every day; Bob never again
        {
            Clock.Advance(TimeSpan.FromDays(1));
            await conversations.RememberAsync(Activity("a:alice-chat", "alice", InUseUrl), alice, Ct);
            await trusted.TrustAsync(InUseUrl, Ct);
        }
        var pruned = await bot.Retention.PruneOlderThanAsync(Clock.GetUtcNow() - keepFor, Ct);

        Assert.Equal(3, pruned.Conversations); // Bob's chat, Bob as a member and the unused URL; nothing of Alice's
        await using var restarted = NewInstance();
        Assert.NotNull(await restarted.TeamsConversations.FindConversationAsync("a:alice-chat", Ct));
        Assert.Equal("a:alice-chat", (await restarted.TeamsConversations.FindMemberAsync(alice, Ct))?.ConversationId);
        Assert.True(await restarted.TrustedServiceUrls.IsTrustedAsync(InUseUrl, Ct));
        Assert.Null(await restarted.TeamsConversations.FindConversationAsync("a:bob-chat", Ct));
        Assert.Null(await restarted.TeamsConversations.FindMemberAsync(bob, Ct));
        Assert.False(await restarted.TrustedServiceUrls.IsTrustedAsync(UnusedUrl, Ct));
    }

    private const string InUseUrl = "https://smba.trafficmanager.net/emea/", UnusedUrl = "https://smba.trafficmanager.net/amer/";

    private static NumbersBot.Bot.Channels.Teams.Activity Activity(string chat, string userId, string serviceUrl) => new()
    {
        Type = "message", ServiceUrl = serviceUrl, From = new(userId, userId), Recipient = new("28:bot", "NumbersBot"),
        Conversation = new(chat, "personal", "tenant-1"),
    };

    private static NumbersBot.Bot.Channels.Teams.TeamsConversation Conversation(string id) => new("https://smba.trafficmanager.net/emea/", id, null, null, null);

    private static DeferredReply Reply() => new(Guid.NewGuid(), "slack", "number.add", "local:alice", "Alice", "{}", "{}", 0);
}
