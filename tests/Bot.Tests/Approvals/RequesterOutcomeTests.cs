using System.Text.Json.Nodes;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Channels.Slack;
using NumbersBot.Bot.Tests.Channels.Teams;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Tests.Approvals;

/// <summary>Whoever asked for a Live deletion hears how it ended in their own channel, whichever channel decided it.</summary>
public class RequesterOutcomeTests
{
    private static readonly string PersonalChatPath = $"v3/conversations/{Uri.EscapeDataString(TeamsBot.PersonalChat)}/activities";

    [Fact]
    public async Task A_request_made_in_Teams_and_denied_in_Slack_is_told_in_the_requesters_Teams_chat_and_shown_on_their_card()
    {
        await using var bot = await TwoChannelBot.StartAsync();
        var live = (await bot.Slack.PageAsync()).Environments.Single(e => e.Environment == AgentEnvironment.Live).Numbers.Single(n => n.Number.E164 == "+14155550102");
        (await bot.Teams.PostAsync(bot.Teams.Execute(Verbs.DeleteConfirmed, new JsonObject { [Keys.Project] = "demo", [Keys.NumberId] = live.Id.ToString() },
            replyToId: "numbers-card"))).EnsureSuccessStatusCode();
        var announced = await bot.Slack.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && TwoChannelBot.Channel(c) == TwoChannelBot.SlackApprovers);

        await bot.Slack.ClickAsync(Blocks.Button(announced.Body, Verbs.Deny + ":"), "deny", user: SlackBot.OtherAdmin);

        var told = await bot.TeamsCallAsync(c => c.Method == "POST" && c.Path == PersonalChatPath && TeamsBot.Text(c.Body).Contains("Denied by Slack UADMIN2"));
        Assert.Empty(told.Body!["attachments"]![0]!["content"]!["actions"]?.AsArray() ?? []);
        await bot.TeamsCallAsync(c => c.Method == "PUT" && c.Path == $"{PersonalChatPath}/numbers-card" && TeamsBot.Text(c.Body).Contains("Denied by Slack UADMIN2"));
        Assert.Contains("+14155550102", await bot.Slack.NumbersInAsync(AgentEnvironment.Live));
    }
}
