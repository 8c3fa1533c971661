using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Approvals;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Telephony;
using NumbersBot.Bot.Tests.Channels.Slack;
using NumbersBot.Bot.Tests.Channels.Teams;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Tests.Approvals;

/// <summary>
/// A Live deletion asked for in Slack, decided in Teams (or withdrawn, voided, expired): every copy, in both channels,
/// ends up showing the outcome with no buttons left.
/// </summary>
public class ApprovalEndToEndTests
{
    [Fact]
    public async Task A_request_made_in_Slack_and_approved_in_Teams_shows_the_approval_on_every_copy()
    {
        await using var bot = await TwoChannelBot.StartAsync();
        var approval = await bot.RequestLiveDeletionInSlackAsync();
        var requesterCard = await bot.Slack.Slack.WaitForAsync(c => c.Method == "response_url:request" && Blocks.AllText(c.Body).Contains("Status*\nWaiting for approval"));
        Assert.Contains(Blocks.Buttons(requesterCard.Body), b => b["action_id"]!.GetValue<string>().StartsWith(Verbs.Withdraw, StringComparison.Ordinal));

        await bot.ClickInTeamsAsync(Verbs.Approve, approval);

        var (slackPost, requester, teamsPost) = await bot.CopiesShowingAsync("Approved by Ada Admin");
        AssertReadsDecided((slackPost, requester, teamsPost), "Approved by");
        AssertReadsDecided((slackPost, requester, teamsPost), "The number is deleted: calls to it no longer reach the agent.");
        AssertNoButtons(slackPost, requester, teamsPost);
        Assert.DoesNotContain("+14155550102", await bot.Slack.NumbersInAsync(AgentEnvironment.Live));
        Assert.Empty(Blocks.Buttons(await bot.ToldInSlackAsync("Approved by Ada Admin")));
    }

    [Fact]
    public async Task A_denial_with_a_reason_shows_the_reason_on_every_copy()
    {
        await using var bot = await TwoChannelBot.StartAsync();
        var approval = await bot.RequestLiveDeletionInSlackAsync();

        await bot.ClickInTeamsAsync(Verbs.Deny, approval, reason: "It is printed on our flyers.");

        var copies = await bot.CopiesShowingAsync("Denied by Ada Admin");
        AssertReadsDecided(copies, "Denied by");
        Assert.Contains("It is printed on our flyers.", Blocks.AllText(copies.SlackPost));
        Assert.Contains("It is printed on our flyers.", Blocks.AllText(copies.RequesterCard));
        Assert.Contains("It is printed on our flyers.", TeamsBot.Text(copies.TeamsPost));
        AssertNoButtons(copies.SlackPost, copies.RequesterCard, copies.TeamsPost);
        Assert.Contains("It is printed on our flyers.", Blocks.AllText(await bot.ToldInSlackAsync("Denied by Ada Admin")));
        Assert.Contains("+14155550102", await bot.Slack.NumbersInAsync(AgentEnvironment.Live));
    }

    [Fact]
    public async Task A_withdrawn_request_shows_it_on_every_copy()
    {
        await using var bot = await TwoChannelBot.StartAsync();
        var approval = await bot.RequestLiveDeletionInSlackAsync();
        var requesterCard = await bot.Slack.Slack.WaitForAsync(c => c.Method == "response_url:request" && Blocks.AllText(c.Body).Contains("Status*\nWaiting for approval"));

        await bot.Slack.ClickAsync(Blocks.Button(requesterCard.Body, Verbs.Withdraw + ":"), "withdraw");

        var copies = await bot.CopiesShowingAsync("Withdrawn by Slack UADMIN");
        AssertReadsDecided(copies, "Withdrawn by");
        AssertNoButtons(copies.SlackPost, copies.RequesterCard, copies.TeamsPost);
        // Withdrawing was the requester's own act: no direct message tells them what they just did.
        await bot.CopyShowsAsync(approval, CopyKind.Outcome, "Withdrawn");
        Assert.DoesNotContain(bot.Slack.Slack.Calls, c => c.Method == "chat.postMessage" && TwoChannelBot.Channel(c) == SlackBot.Admin);
    }

    [Fact]
    public async Task Changing_the_number_voids_the_request_on_every_copy_at_once()
    {
        await using var bot = await TwoChannelBot.StartAsync();
        await bot.RequestLiveDeletionInSlackAsync();

        await using (var scope = bot.Teams.Services.CreateAsyncScope())
        {
            var page = await bot.Slack.PageAsync();
            var number = page.Environments.Single(e => e.Environment == AgentEnvironment.Live).Numbers.Single(n => n.Number.E164 == "+14155550102");
            var catalog = await scope.ServiceProvider.GetRequiredService<IVariantCatalogRepository>().GetAsync("demo", default);
            var london = catalog.PublishedTo(AgentEnvironment.Live).Single(v => v.Name == "London");
            await scope.ServiceProvider.GetRequiredService<ReassignVariantHandler>()
                .HandleAsync(new ReassignVariant(new Actor(UserRef.Local("alice"), "Alice"), number.Id, london.Id, null), default);
        }

        var copies = await bot.CopiesShowingAsync("Void since");
        AssertReadsDecided(copies, "Void since");
        Assert.Contains("variant was changed to London", Blocks.AllText(copies.SlackPost));
        AssertNoButtons(copies.SlackPost, copies.RequesterCard, copies.TeamsPost);
        Assert.Contains("variant was changed to London", Blocks.AllText(await bot.ToldInSlackAsync("Void since")));
    }

    [Fact]
    public async Task An_expired_request_shows_it_on_every_copy()
    {
        var clock = new ShiftedClock();
        await using var bot = await TwoChannelBot.StartAsync(s => s.AddSingleton<TimeProvider>(clock));
        await bot.RequestLiveDeletionInSlackAsync();

        clock.Shift(TimeSpan.FromHours(2));
        await using (var scope = bot.Teams.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ExpireApprovalsHandler>().HandleAsync(new ExpireApprovals(), default);

        var copies = await bot.CopiesShowingAsync("no one decided it in time");
        AssertReadsDecided(copies, "Expired at");
        AssertNoButtons(copies.SlackPost, copies.RequesterCard, copies.TeamsPost);
        await bot.ToldInSlackAsync("no one decided it in time");
    }

    [Fact]
    public async Task A_release_the_provider_refuses_is_shown_everywhere_and_Retry_release_finishes_it()
    {
        var logs = new Channels.Local.CollectedLogs();
        await using var bot = await TwoChannelBot.StartAsync(s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        var approval = await bot.RequestLiveDeletionInSlackAsync();
        var faults = bot.Teams.Get<SimulatedTelephonyFaults>();
        faults.FailWith("the line to the carrier is down");

        await bot.ClickInTeamsAsync(Verbs.Approve, approval);

        var failed = await bot.CopiesShowingAsync("Approved; release failed: The telephony provider failed during release");
        Assert.Contains(Blocks.Buttons(failed.SlackPost), b => b["action_id"]!.GetValue<string>().StartsWith(Verbs.RetryRelease, StringComparison.Ordinal));
        Assert.Empty(Card(failed.TeamsPost)["actions"]!.AsArray()); // everyone's view; an admin's own view has Retry release
        Assert.Contains(Verbs.RetryRelease, TeamsBot.Text(await bot.RefreshInTeamsAsync(approval)));
        Assert.DoesNotContain(Verbs.RetryRelease, Blocks.AllText(failed.RequesterCard) + string.Join("", Blocks.Buttons(failed.RequesterCard).Select(b => b.ToJsonString())));
        Assert.Empty(Blocks.Buttons(await bot.ToldInSlackAsync("Approved; release failed")));
        Assert.Contains("+14155550102", await bot.Slack.NumbersInAsync(AgentEnvironment.Live));
        Assert.Contains(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && e.Message.StartsWith($"Approved deletion {approval} of +14155550102: the provider refused the release (ProviderFailed)", StringComparison.Ordinal));

        faults.Heal();
        await bot.Slack.ClickAsync(Blocks.Button(failed.SlackPost, Verbs.RetryRelease + ":"), "retry", user: SlackBot.OtherAdmin);

        var released = await bot.CopiesShowingAsync("Approved by Ada Admin");
        AssertNoButtons(released.SlackPost, released.RequesterCard, released.TeamsPost);
        await bot.ToldInSlackAsync("Approved by Ada Admin");
        Assert.DoesNotContain("+14155550102", await bot.Slack.NumbersInAsync(AgentEnvironment.Live));
    }

    [Fact]
    public async Task In_Teams_everyone_sees_the_status_and_each_approver_gets_Approve_and_Deny_in_their_own_view()
    {
        await using var bot = await TwoChannelBot.StartAsync();
        var approval = await bot.RequestLiveDeletionInSlackAsync();

        var post = await bot.TeamsCallAsync(TwoChannelBot.IsApprovalPost);
        var card = Card(post.Body!);
        Assert.Empty(card["actions"]!.AsArray());
        Assert.Equal([TeamsBot.AdminUserId], card["refresh"]!["userIds"]!.AsArray().Select(id => id!.GetValue<string>()));
        Assert.Equal(Verbs.ShowApproval, card["refresh"]!["action"]!["verb"]!.GetValue<string>());

        var own = TeamsBot.Text(await bot.RefreshInTeamsAsync(approval));
        Assert.Contains(Verbs.Approve, own);
        Assert.Contains(Verbs.Deny, own);
    }

    private static JsonObject Card(JsonObject activity) => activity["attachments"]![0]!["content"]!.AsObject();

    /// <summary>
    /// A decided request no longer asks its question and says how it ended once, in what is shown (the blocks, the
    /// card), not in Slack's notification fallback text.
    /// </summary>
    private static void AssertReadsDecided((JsonObject SlackPost, JsonObject RequesterCard, JsonObject TeamsPost) copies, string outcome)
    {
        foreach (var text in new[] { Blocks.AllText(copies.SlackPost["blocks"]), Blocks.AllText(copies.RequesterCard["blocks"]), TeamsBot.Text(copies.TeamsPost) })
        {
            Assert.DoesNotContain("Delete Live number +1 415-555-0102?", text);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(text.Replace("\\u0027", "'"), outcome));
        }
    }

    private static void AssertNoButtons(JsonObject slackPost, JsonObject requesterCard, JsonObject teamsPost)
    {
        Assert.Empty(Blocks.Buttons(slackPost));
        Assert.Empty(Blocks.Buttons(requesterCard));
        Assert.Empty(Card(teamsPost)["actions"]?.AsArray() ?? []);
    }

    /// <summary>The real clock, moved on by the test: requests made now can expire without waiting an hour.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        private TimeSpan _shift;

        public void Shift(TimeSpan by) => _shift += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
    }
}
