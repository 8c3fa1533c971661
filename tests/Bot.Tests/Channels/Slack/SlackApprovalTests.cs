using System.Text.Json.Nodes;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Tests.Channels.Slack;

public class SlackApprovalTests
{
    [Fact]
    public async Task A_Live_deletion_is_announced_once_and_a_second_admins_approval_replaces_the_announcement()
    {
        await using var bot = await SlackBot.StartAsync(app => app.With("Slack:ApprovalsChannel", "C0APPROVALS"));
        var (_, delete) = await bot.DeleteConfirmationAsync("+14155550102");

        await bot.ClickAsync(delete, "list");
        var announcement = await bot.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "C0APPROVALS");
        await bot.ClickAsync(delete, "list-again");
        await bot.Slack.WaitForAsync(c => c.Method == "response_url:list-again");

        Assert.Contains("Delete Live number +1 415-555-0102?", Blocks.AllText(announcement.Body));
        Assert.Contains("Requested by Slack UADMIN", Blocks.AllText(announcement.Body).Replace("*", "").Replace("\n", " "));
        var approve = Blocks.Button(announcement.Body, Verbs.Approve + ":");
        Assert.StartsWith(DeleteNumberHandler.LiveWarning, approve["confirm"]!["text"]!["text"]!.GetValue<string>());
        // A whole pass of the copies job after the second click, and everything it sent gone out: still one announcement.
        await JobRuns.RunOnceMoreAsync(bot.Services, NumbersBot.Bot.Approvals.ApprovalCopiesJob.Key);
        await bot.SentEverythingAsync();
        Assert.Single(bot.Slack.Calls, c => c.Method == "chat.postMessage");

        await bot.ClickAsync(approve, "announcement", user: SlackBot.OtherAdmin);

        var decided = await bot.Slack.WaitForAsync(c => c.Method == "response_url:announcement");
        Assert.True(decided.Body["replace_original"]!.GetValue<bool>());
        Assert.Contains("Approved by Slack UADMIN2", Blocks.AllText(decided.Body));
        Assert.DoesNotContain(Blocks.Buttons(decided.Body), b => b["action_id"]!.GetValue<string>().StartsWith("approval.", StringComparison.Ordinal));
        Assert.DoesNotContain("+14155550102", await bot.NumbersInAsync(AgentEnvironment.Live));
    }

    [Fact]
    public async Task The_requester_cannot_approve_their_own_request_and_is_told_so_privately()
    {
        await using var bot = await SlackBot.StartAsync(app => app.With("Slack:ApprovalsChannel", "C0APPROVALS"));
        await bot.ClickAsync((await bot.DeleteConfirmationAsync("+14155550102")).Confirm, "list");
        var announcement = await bot.Slack.WaitForAsync(c => c.Method == "chat.postMessage");

        await bot.ClickAsync(Blocks.Button(announcement.Body, Verbs.Approve + ":"), "announcement");

        var answer = await bot.Slack.WaitForAsync(c => c.Method == "response_url:announcement");
        Assert.Equal("ephemeral", answer.Body["response_type"]!.GetValue<string>());
        Assert.Contains("someone else must approve", Blocks.AllText(answer.Body));
        Assert.Contains("+14155550102", await bot.NumbersInAsync(AgentEnvironment.Live));
    }
}
