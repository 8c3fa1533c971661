using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Approvals;
using NumbersBot.Bot.Tests.Channels.Slack;
using NumbersBot.Bot.Tests.Channels.Teams;
using NumbersBot.Bot.Tests.Hosting;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Telephony;

/// <summary>A number's recent calls on every card where someone decides about it, from the call log behind <see cref="ICallTraffic"/>.</summary>
public class RecentCallsCardTests
{
    private const string NewYork = "America/New_York";
    private static readonly Actor Carol = new(UserRef.Local("carol"), "Carol (numbers editor)");
    private static readonly Actor Alice = new(UserRef.Local("alice"), "Alice (admin)");
    private static readonly TimeSpan[] Busy = [TimeSpan.FromMinutes(3), TimeSpan.FromHours(2), TimeSpan.FromDays(3)];

    [Fact]
    public async Task Deleting_a_Live_number_that_took_calls_today_is_confirmed_with_its_figures_and_a_stronger_warning()
    {
        var traffic = new ScriptedCallTraffic(Busy);
        using var app = Bot(traffic);

        var view = (ConfirmDeleteView)(await AskAsync(app, Carol, Verbs.Delete, await NumberAsync(app, "+14155550102"), NewYork)).Model;

        Assert.StartsWith("3 calls in the last 7 days; the last 3 minutes ago (", view.Traffic!.Summary);
        Assert.Contains($" {NewYork} (", view.Traffic.Summary);
        Assert.Equal("+1 415-555-0102 took 2 calls in the last 24 hours; the last 3 minutes ago. Deleting it cuts off callers who are still dialling it.",
            view.Traffic.Warning);
        Assert.NotNull(view.Warning); // the Live warning stays beside it
    }

    [Fact]
    public async Task A_Sandbox_number_shows_its_figures_with_no_stronger_warning_and_a_quiet_number_says_so()
    {
        using var app = Bot(new ScriptedCallTraffic(Busy));
        using var quiet = Bot(new ScriptedCallTraffic());

        var sandbox = (ConfirmDeleteView)(await AskAsync(app, Carol, Verbs.Delete, await SandboxNumberAsync(app))).Model;
        var none = (ConfirmDeleteView)(await AskAsync(quiet, Carol, Verbs.Delete, await NumberAsync(quiet, "+14155550102"))).Model;

        Assert.StartsWith("3 calls in the last 7 days;", sandbox.Traffic!.Summary);
        Assert.Null(sandbox.Traffic.Warning);
        Assert.Equal(new RecentCallsView("No calls in the last 7 days.", null), none.Traffic);
    }

    [Fact]
    public async Task Every_approvers_copy_and_a_refreshed_request_show_the_figures_and_the_warning()
    {
        var (teams, slack) = (new RecordingReplyChannel("teams"), new RecordingReplyChannel("slack"));
        using var app = Bot(new ScriptedCallTraffic(Busy), teams, slack);

        await AskAsync(app, Carol, Verbs.DeleteConfirmed, await NumberAsync(app, "+14155550102"));
        var copies = new[] { await teams.WaitForAsync(s => s.Kind == "post"), await slack.WaitForAsync(s => s.Kind == "post") }
            .Select(s => (ApprovalView)s.Reply.Model).ToList();
        var refreshed = (ApprovalView)(await AskAsync(app, Alice, Verbs.ShowApproval, new() { [Keys.ApprovalId] = copies[0].Id }, NewYork)).Model;

        Assert.All(copies, copy =>
        {
            Assert.StartsWith("3 calls in the last 7 days; the last 3 minutes ago (", copy.Traffic!.Summary);
            Assert.StartsWith("+1 415-555-0102 took 2 calls in the last 24 hours;", copy.Traffic.Warning);
        });
        Assert.Contains($" {NewYork} (", refreshed.Traffic!.Summary);
        Assert.NotNull(refreshed.Traffic.Warning);
    }

    [Fact]
    public async Task The_approvals_list_decides_nothing_and_its_Review_opens_the_request_with_the_figures_and_the_warning()
    {
        using var app = Bot(new ScriptedCallTraffic(Busy));
        await AskAsync(app, Carol, Verbs.DeleteConfirmed, await NumberAsync(app, "+14155550102"));

        var list = await AskAsync(app, Alice, Verbs.ShowApprovals, []);
        var teams = Renderer.Render(list, CardFormat.Adaptive);
        var slack = Renderer.Render(list, CardFormat.BlockKit);

        var review = Assert.Single(Nodes(teams), n => n["title"]?.GetValue<string>() == "Review" && n["type"]?.GetValue<string>() == "Action.Execute");
        Assert.Equal(Verbs.ShowApproval, review["verb"]!.GetValue<string>());
        var slackReview = Assert.Single(Blocks.Buttons(slack));
        Assert.StartsWith(Verbs.ShowApproval + ":", slackReview["action_id"]!.GetValue<string>());
        foreach (var decision in new[] { Verbs.Approve, Verbs.Deny })
        {
            Assert.DoesNotContain(decision, teams.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain(decision, slack.ToJsonString(), StringComparison.Ordinal);
        }
        var data = review["data"]!.AsObject().ToDictionary(p => p.Key, p => p.Value?.GetValue<string>());
        Assert.Equal(data[Keys.ApprovalId], slackReview["value"]![Keys.ApprovalId]!.GetValue<string>());

        var opened = await AskAsync(app, Alice, Verbs.ShowApproval, data);

        var approval = Assert.IsType<ApprovalView>(opened.Model);
        Assert.True(approval.MayDecide);
        Assert.StartsWith("+1 415-555-0102 took 2 calls in the last 24 hours;", approval.Traffic!.Warning);
        Assert.Contains(Verbs.Approve, Renderer.Render(opened, CardFormat.Adaptive).ToJsonString(), StringComparison.Ordinal);
    }

    private static readonly CardRenderer Renderer = new(Path.Combine(Cards.TemplateCase.RepositoryRoot, "cards"));

    private static IEnumerable<JsonObject> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Nodes(p.Value)).Prepend(o),
        JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };

    [Fact]
    public async Task The_Slack_requesters_card_and_both_approvers_posts_carry_the_figures()
    {
        await using var bot = await TwoChannelBot.StartAsync(s => s.AddSingleton<ICallTraffic>(new ScriptedCallTraffic(Busy)));

        var approval = await bot.RequestLiveDeletionInSlackAsync();

        var requester = await bot.Slack.Slack.WaitForAsync(c => c.Method == "response_url:request" && Blocks.AllText(c.Body).Contains("Requested by"));
        var slackPost = await bot.Slack.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && TwoChannelBot.Channel(c) == TwoChannelBot.SlackApprovers);
        var teamsPost = await bot.TeamsCallAsync(TwoChannelBot.IsApprovalPost);
        Assert.Contains("took 2 calls in the last 24 hours", Blocks.AllText(requester.Body));
        Assert.Contains("took 2 calls in the last 24 hours", Blocks.AllText(slackPost.Body));
        Assert.Contains("took 2 calls in the last 24 hours", TeamsBot.Text(teamsPost.Body));
        Assert.NotEmpty(approval);
    }

    [Fact]
    public async Task History_shows_the_figures_read_from_the_account_its_trail_names()
    {
        var traffic = new ScriptedCallTraffic(Busy);
        using var app = Bot(traffic);
        await AskAsync(app, Alice, Verbs.ConnectNumber, new() { [Keys.Project] = "demo", [Keys.Environment] = "Sandbox", [Keys.Number] = "+14155550123" });

        var history = (HistoryView)(await AskAsync(app, Carol, Verbs.ShowHistory, new() { [Keys.Number] = "+14155550123" })).Model;
        var untouched = (HistoryView)(await AskAsync(app, Carol, Verbs.ShowHistory, new() { [Keys.Number] = "+14155550199" })).Model;

        Assert.StartsWith("3 calls in the last 7 days; the last 3 minutes ago (", history.Traffic!.Summary);
        Assert.Null(history.Traffic.Warning); // history decides nothing
        Assert.Equal(("demo", "+14155550123", NumberSource.Twilio), Assert.Single(traffic.Questions));
        Assert.Null(untouched.Traffic);
    }

    [Fact]
    public async Task When_the_call_log_fails_the_cards_say_traffic_unknown_and_deleting_and_approving_still_work()
    {
        var (teams, slack) = (new RecordingReplyChannel("teams"), new RecordingReplyChannel("slack"));
        using var app = Bot(new ScriptedCallTraffic(Busy) { FailWith = "Twilio is down" }, teams, slack);
        var sandbox = await SandboxNumberAsync(app);
        var live = await NumberAsync(app, "+14155550102");

        var confirm = (ConfirmDeleteView)(await AskAsync(app, Carol, Verbs.Delete, sandbox)).Model;
        var deleted = (NumbersView)(await AskAsync(app, Carol, Verbs.DeleteConfirmed, sandbox)).Model;
        await AskAsync(app, Carol, Verbs.DeleteConfirmed, live);
        var posted = (ApprovalView)(await teams.WaitForAsync(s => s.Kind == "post")).Reply.Model;
        var approved = (ApprovalView)(await AskAsync(app, Alice, Verbs.Approve, new() { [Keys.ApprovalId] = posted.Id })).Model;

        Assert.Equal(RecentCallsView.UnknownSummary, confirm.Traffic!.Summary);
        Assert.StartsWith("Deleted ", deleted.Notice!.Text);
        Assert.Equal(RecentCallsView.UnknownSummary, posted.Traffic!.Summary);
        Assert.StartsWith("Approved by Alice (admin)", approved.Outcome);
    }

    [Fact]
    public async Task A_call_log_that_does_not_answer_in_time_gives_traffic_unknown()
    {
        using var app = Bot(new ScriptedCallTraffic(Busy) { Hang = true }, wait: "200");

        var confirm = (ConfirmDeleteView)(await AskAsync(app, Carol, Verbs.Delete, await SandboxNumberAsync(app))).Model;

        Assert.Equal(RecentCallsView.UnknownSummary, confirm.Traffic!.Summary);
    }

    [Fact]
    public async Task Cards_for_the_same_number_within_a_minute_read_the_call_log_once()
    {
        var traffic = new ScriptedCallTraffic(Busy);
        var (teams, slack) = (new RecordingReplyChannel("teams"), new RecordingReplyChannel("slack"));
        using var app = Bot(traffic, teams, slack);
        var live = await NumberAsync(app, "+14155550102");

        await AskAsync(app, Carol, Verbs.Delete, live);
        await AskAsync(app, Alice, Verbs.Delete, live);
        await AskAsync(app, Carol, Verbs.DeleteConfirmed, live);
        await teams.WaitForAsync(s => s.Kind == "post");
        await slack.WaitForAsync(s => s.Kind == "post");
        await AskAsync(app, Alice, Verbs.ShowApproval, new() { [Keys.ApprovalId] = ((ApprovalView)(await teams.WaitForAsync(s => s.Kind == "post")).Reply.Model).Id });

        Assert.Equal(1, traffic.Asked);
    }

    [Fact]
    public async Task Figures_from_the_simulated_provider_say_they_are_made_up()
    {
        using var app = new NumbersBotApp();
        app.CreateClient();

        var view = (ConfirmDeleteView)(await AskAsync(app, Carol, Verbs.Delete, await NumberAsync(app, "+14155550102"))).Model;

        Assert.StartsWith(RecentCallsView.SimulatedPrefix, view.Traffic!.Summary);
    }

    private static NumbersBotApp Bot(ScriptedCallTraffic traffic, RecordingReplyChannel? teams = null, RecordingReplyChannel? slack = null,
        string? wait = null)
    {
        var app = new NumbersBotApp().WithServices(s => s.AddSingleton<ICallTraffic>(traffic));
        if (wait is not null) app.With("Telephony:Traffic:WaitMilliseconds", wait);
        if (teams is not null && slack is not null)
            app.With("Teams:ApprovalsConversationId", "19:approvers@thread.tacv2").With("Slack:ApprovalsChannel", "C0APPROVALS")
                .WithServices(s => s.AddSingleton<IReplyChannel>(teams).AddSingleton<IReplyChannel>(slack));
        app.CreateClient();
        return app;
    }

    private static async Task<Dictionary<string, string?>> NumberAsync(NumbersBotApp app, string e164)
    {
        var page = (NumbersView)(await AskAsync(app, Carol, Verbs.ShowNumbers, [])).Model;
        var number = page.Environments.SelectMany(e => e.Numbers).Single(n => n.E164 == e164);
        return new() { [Keys.Project] = "demo", [Keys.NumberId] = number.Id, [Keys.Version] = number.Version.ToString() };
    }

    private static async Task<Dictionary<string, string?>> SandboxNumberAsync(NumbersBotApp app)
    {
        var page = (NumbersView)(await AskAsync(app, Carol, Verbs.ShowNumbers, [])).Model;
        var number = page.Environments[0].Numbers[0];
        return new() { [Keys.Project] = "demo", [Keys.NumberId] = number.Id, [Keys.Version] = number.Version.ToString() };
    }

    private static async Task<Reply> AskAsync(NumbersBotApp app, Actor actor, string verb, Dictionary<string, string?> data, string? zone = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConversationRouter>()
            .HandleAsync(new ConversationRequest(actor, verb, data) { TimeZone = zone }, default);
    }
}
