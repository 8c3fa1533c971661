using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Persistence;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>The Slack outbox's rows: leased to one instance at a time, each outcome recorded only by the claim that holds the row.</summary>
public abstract partial class RepositorySuite
{
    private static readonly TimeSpan OutboxLease = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task A_written_down_Slack_reply_is_its_senders_until_the_lease_runs_out_then_one_instances()
    {
        var reply = SlackReply();
        await using (var sender = NewInstance())
            await sender.Get<ISlackOutboxStore>().AddAsync(reply, Now + OutboxLease, Ct);
        await using var one = NewInstance();
        await using var other = NewInstance();

        Assert.Empty(await one.Get<ISlackOutboxStore>().DueAsync(Now, 10, Ct));
        Assert.Null(await one.Get<ISlackOutboxStore>().TryClaimAsync(reply.Id, Now, Now + OutboxLease, Ct));
        var later = Now + OutboxLease;
        Assert.Equal([reply.Id], await one.Get<ISlackOutboxStore>().DueAsync(later, 10, Ct));
        var claimed = await one.Get<ISlackOutboxStore>().TryClaimAsync(reply.Id, later, later + OutboxLease, Ct);
        Assert.Null(await other.Get<ISlackOutboxStore>().TryClaimAsync(reply.Id, later, later + OutboxLease, Ct));

        Assert.Equal(reply with { Attempts = 2 }, claimed);
        Assert.Equal(reply.ResponseUrl, claimed!.ResponseUrl); // the record's text leaves it out; the row keeps it
        Assert.Empty(await other.Get<ISlackOutboxStore>().DueAsync(later, 10, Ct));
    }

    [SkippableFact]
    public async Task A_Slack_reply_tried_again_later_is_due_then_and_a_finished_one_never_and_forgets_its_body()
    {
        var retried = SlackReply();
        var done = SlackReply();
        var failed = SlackReply();
        await using var bot = NewInstance();
        var store = bot.Get<ISlackOutboxStore>();
        foreach (var reply in new[] { retried, done, failed }) await store.AddAsync(reply, Now + OutboxLease, Ct);

        await store.RetryLaterAsync(retried, Now.AddSeconds(2), "HTTP 503", Ct);
        await store.CompleteAsync(done, Ct);
        await store.FailAsync(failed, "invalid_blocks", Ct);

        Assert.Empty(await store.DueAsync(Now.AddSeconds(1), 10, Ct));
        Assert.Equal([retried.Id], await store.DueAsync(Now + OutboxLease, 10, Ct));
        Assert.Null(await store.TryClaimAsync(done.Id, Now + OutboxLease, Now + OutboxLease * 2, Ct));
        Assert.Null(await store.TryClaimAsync(failed.Id, Now + OutboxLease, Now + OutboxLease * 2, Ct));
        var rows = await SlackOutboxRowsAsync();
        Assert.Equal(("Done", "", null), rows[done.Id]);
        Assert.Equal(("Failed", "", null), rows[failed.Id]);
        Assert.Equal(("Pending", retried.Body, retried.ResponseUrl), rows[retried.Id]);
    }

    [SkippableFact]
    public async Task An_outcome_from_a_send_whose_lease_another_instance_took_over_is_not_recorded()
    {
        var reply = SlackReply();
        await using var bot = NewInstance();
        var store = bot.Get<ISlackOutboxStore>();
        await store.AddAsync(reply, Now + OutboxLease, Ct);
        var later = Now + OutboxLease;
        var takenOver = await store.TryClaimAsync(reply.Id, later, later + OutboxLease, Ct);

        await store.FailAsync(reply, "late refusal from the first attempt", Ct);
        await store.RetryLaterAsync(reply, later, "late failure from the first attempt", Ct);

        Assert.Equal("Sending", (await SlackOutboxRowsAsync())[reply.Id].State);
        await store.CompleteAsync(takenOver!, Ct);
        Assert.Equal("Done", (await SlackOutboxRowsAsync())[reply.Id].State);
    }

    [SkippableFact]
    public async Task Retention_removes_old_finished_Slack_replies_and_keeps_the_recent_and_the_unfinished()
    {
        var cutoff = Now.AddDays(1);
        var oldDone = SlackReply();
        var oldFailed = SlackReply();
        var oldUnfinished = SlackReply();
        var recentDone = SlackReply() with { CreatedAt = Now.AddDays(2) };
        await using var bot = NewInstance();
        var store = bot.Get<ISlackOutboxStore>();
        foreach (var reply in new[] { oldDone, oldFailed, oldUnfinished, recentDone }) await store.AddAsync(reply, reply.CreatedAt + OutboxLease, Ct);
        await store.CompleteAsync(oldDone, Ct);
        await store.FailAsync(oldFailed, "expired_url", Ct);
        await store.CompleteAsync(recentDone, Ct);

        var pruned = await bot.Retention.PruneOlderThanAsync(cutoff, Ct);

        Assert.Equal(2, pruned.SlackReplies);
        Assert.Equal(new[] { oldUnfinished.Id, recentDone.Id }.Order(), (await SlackOutboxRowsAsync()).Keys.Order());
    }

    [SkippableFact]
    public async Task The_due_Slack_replies_are_found_through_their_partial_index()
    {
        var plan = await PlanAsync(SqlSlackOutbox.DueSql(SqlDialect.For(Options.Provider)), new { Now, Limit = 10 });

        Assert.Contains("ix_slack_outbox_due", plan);
    }

    private OutboxReply SlackReply() => new(Guid.NewGuid(), "result reply", OutboxReply.ResponseUrlMethod,
        $"https://hooks.slack.com/actions/T1/{Guid.NewGuid():N}/secret", """{"replace_original":true,"text":"Deleted"}""", Now, 1);

    private async Task<IReadOnlyDictionary<Guid, (string State, string Body, string? ResponseUrl)>> SlackOutboxRowsAsync()
    {
        await using var connection = SqlDialect.For(Options.Provider).CreateConnection(Options.ConnectionString);
        var rows = await Dapper.SqlMapper.QueryAsync<(Guid Id, string State, string Body, string? ResponseUrl)>(connection,
            "SELECT id, state, body, response_url FROM slack_outbox");
        return rows.ToDictionary(r => r.Id, r => (r.State, r.Body, r.ResponseUrl));
    }
}
