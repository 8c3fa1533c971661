using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Hosting;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Tests.Approvals;

/// <summary>The real host and database with recording channels: every copy of an approval is posted once and kept true.</summary>
public class ApprovalCopiesTests
{
    private const string TeamsApprovers = "19:approvers@thread.tacv2";
    private const string SlackApprovers = "C0APPROVALS";
    private static readonly Actor Carol = new(UserRef.Local("carol"), "Carol (numbers editor)");
    private static readonly Actor Alice = new(UserRef.Local("alice"), "Alice (admin)");

    [Fact]
    public async Task A_request_is_posted_once_to_every_approvers_place_and_a_decision_updates_every_copy()
    {
        var (teams, slack) = (new RecordingReplyChannel("teams"), new RecordingReplyChannel("slack"));
        using var app = Bot(new NumbersBotApp(), teams, slack);
        var delete = await LiveDeleteAsync(app);

        await AskAsync(app, Carol, Verbs.DeleteConfirmed, delete);
        await AskAsync(app, Carol, Verbs.DeleteConfirmed, delete); // asking again finds the open request
        var posted = await teams.WaitForAsync(s => s.Kind == "post");
        await slack.WaitForAsync(s => s.Kind == "post");
        var card = (ApprovalView)posted.Reply.Model;
        Assert.Equal((TeamsApprovers, true, "Delete Live number +1 415-555-0102?"), (posted.Where, card.MayDecide, card.Title));

        await AskAsync(app, Alice, Verbs.Deny, new() { [Keys.ApprovalId] = card.Id, [Keys.Reason] = "Printed on our flyers." });

        foreach (var channel in new[] { teams, slack })
        {
            var updated = (ApprovalView)(await channel.WaitForAsync(s => s.Kind == "update")).Reply.Model;
            Assert.StartsWith("Denied by Alice (admin) at ", updated.Outcome);
            Assert.EndsWith(": Printed on our flyers.", updated.Outcome);
            Assert.Equal(("Deleting Live number +1 415-555-0102: denied", false, false), (updated.Title, updated.MayDecide, updated.MayWithdraw));
            Assert.Single(channel.Sent, s => s.Kind == "post");
        }
    }

    [Fact]
    public async Task A_channel_that_is_down_is_tried_again()
    {
        var (teams, slack) = (new RecordingReplyChannel("teams") { FailuresLeft = 1 }, new RecordingReplyChannel("slack"));
        using var app = Bot(new NumbersBotApp(), teams, slack);

        await AskAsync(app, Carol, Verbs.DeleteConfirmed, await LiveDeleteAsync(app));

        Assert.Equal(TeamsApprovers, (await teams.WaitForAsync(s => s.Kind == "post")).Where);
        Assert.Equal(0, teams.FailuresLeft);
    }

    [Fact]
    public async Task A_restart_between_the_decision_and_the_edits_still_edits_every_copy()
    {
        var folder = Path.Combine(Path.GetTempPath(), "numbersbot-tests", Guid.NewGuid().ToString("N"));
        var (teams, slack) = (new RecordingReplyChannel("teams"), new RecordingReplyChannel("slack"));
        string approvalId;
        using (var before = Bot(new NumbersBotApp(folder), teams, slack))
        {
            await AskAsync(before, Carol, Verbs.DeleteConfirmed, await LiveDeleteAsync(before));
            approvalId = ((ApprovalView)(await teams.WaitForAsync(s => s.Kind == "post")).Reply.Model).Id;
            await slack.WaitForAsync(s => s.Kind == "post");
            // Down from here on, so the decision's edits cannot be made before the restart.
            (teams.FailuresLeft, slack.FailuresLeft) = (int.MaxValue, int.MaxValue);
            await AskAsync(before, Alice, Verbs.Withdraw, new() { [Keys.ApprovalId] = approvalId });
            await AskAsync(before, Carol, Verbs.Withdraw, new() { [Keys.ApprovalId] = approvalId });
        }

        var (teamsAfter, slackAfter) = (new RecordingReplyChannel("teams"), new RecordingReplyChannel("slack"));
        using var after = Bot(new NumbersBotApp(folder, ownsFolder: true), teamsAfter, slackAfter);
        foreach (var channel in new[] { teamsAfter, slackAfter })
        {
            var edit = await channel.WaitForAsync(s => s.Kind == "update");
            Assert.Contains("\"message\":1", edit.Where);
            Assert.StartsWith("Withdrawn by Carol (numbers editor)", ((ApprovalView)edit.Reply.Model).Outcome);
        }
    }

    private static NumbersBotApp Bot(NumbersBotApp app, RecordingReplyChannel teams, RecordingReplyChannel slack)
    {
        app.With("Teams:ApprovalsConversationId", TeamsApprovers).With("Slack:ApprovalsChannel", SlackApprovers)
            .WithServices(s => s.AddSingleton<IReplyChannel>(teams).AddSingleton<IReplyChannel>(slack));
        app.CreateClient();
        return app;
    }

    private static async Task<Dictionary<string, string?>> LiveDeleteAsync(NumbersBotApp app)
    {
        var page = (NumbersView)(await AskAsync(app, Carol, Verbs.ShowNumbers, [])).Model;
        var live = page.Environments[2].Numbers.Single(n => n.E164 == "+14155550102");
        return new() { [Keys.Project] = "demo", [Keys.NumberId] = live.Id };
    }

    private static async Task<Reply> AskAsync(NumbersBotApp app, Actor actor, string verb, Dictionary<string, string?> data)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConversationRouter>().HandleAsync(new ConversationRequest(actor, verb, data), default);
    }
}
