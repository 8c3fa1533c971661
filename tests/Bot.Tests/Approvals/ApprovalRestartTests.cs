using System.Text.Json.Nodes;
using NumbersBot.Bot.Approvals;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Channels.Slack;
using NumbersBot.Bot.Tests.Channels.Teams;

namespace NumbersBot.Bot.Tests.Approvals;

/// <summary>
/// The copies of a decided approval are edited by whichever host runs next: everything the edits need (the decision,
/// each copy's address in Slack and Teams) is in the database, not in the host that took the decision.
/// </summary>
public class ApprovalRestartTests
{
    private const string Approved = "Approved by Ada Admin";

    [Fact]
    public async Task A_restart_between_the_decision_and_the_edits_still_edits_every_copy_in_Slack_and_Teams()
    {
        var before = await TwoChannelBot.StartAsync(restartable: true);
        string approval;
        try
        {
            approval = await before.RequestLiveDeletionInSlackAsync();
            await before.CopyShowsAsync(approval, CopyKind.Requester, "Pending");
            // Slack and Teams are down from here on, so no edit of the decision gets through before the restart.
            (before.Slack.Slack.Down, before.Teams.Channel.Down) = (true, true);
            await before.ClickInTeamsAsync(Verbs.Approve, approval);
            await before.Slack.Slack.WaitForAsync(c => c.Method == "chat.update" && Blocks.AllText(c.Body).Contains(Approved));
            await before.Slack.Slack.WaitForAsync(c => c.Method == "response_url:request" && Blocks.AllText(c.Body).Contains(Approved));
            await before.TeamsCallAsync(c => IsApproversEdit(c) && TeamsBot.Text(c.Body).Contains(Approved));
        }
        finally
        {
            await before.DisposeAsync();
        }
        var (slackBefore, teamsBefore) = (before.Slack.Slack.Calls.ToHashSet(), before.Teams.Channel.Calls.ToHashSet());
        (before.Slack.Slack.Down, before.Teams.Channel.Down) = (false, false);

        await using var after = before.Restarted();

        var slackPost = await after.Slack.Slack.WaitForAsync(c => !slackBefore.Contains(c) && c.Method == "chat.update"
            && TwoChannelBot.Channel(c) == TwoChannelBot.SlackApprovers && Blocks.AllText(c.Body).Contains(Approved), TimeSpan.FromSeconds(30));
        var requesterCard = await after.Slack.Slack.WaitForAsync(c => !slackBefore.Contains(c) && c.Method == "response_url:request"
            && Blocks.AllText(c.Body).Contains(Approved), TimeSpan.FromSeconds(30));
        var told = await after.Slack.Slack.WaitForAsync(c => !slackBefore.Contains(c) && c.Method == "chat.postMessage"
            && TwoChannelBot.Channel(c) == SlackBot.Admin && Blocks.AllText(c.Body).Contains(Approved), TimeSpan.FromSeconds(30));
        var teamsPost = await after.TeamsCallAsync(c => !teamsBefore.Contains(c) && IsApproversEdit(c) && TeamsBot.Text(c.Body).Contains(Approved));

        Assert.Empty(Blocks.Buttons(slackPost.Body));
        Assert.Empty(Blocks.Buttons(requesterCard.Body));
        Assert.Empty(Blocks.Buttons(told.Body));
        Assert.Empty(teamsPost.Body!["attachments"]![0]!["content"]!["actions"]?.AsArray() ?? new JsonArray());
        foreach (var kind in new[] { CopyKind.Approvers, CopyKind.Requester, CopyKind.Outcome })
            await after.CopyShowsAsync(approval, kind, "Approved");
    }

    private static bool IsApproversEdit(ConnectorCall call) =>
        call.Method == "PUT" && call.Path.StartsWith(TwoChannelBot.TeamsApproversPath + "/", StringComparison.Ordinal);
}
