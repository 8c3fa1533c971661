using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NumbersBot.Bot.Approvals;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Channels.Local;
using NumbersBot.Bot.Tests.Channels.Slack;

namespace NumbersBot.Bot.Tests.Approvals;

/// <summary>
/// A Slack requester's card is their ephemeral /numbers message, which only its response_url can edit, and Slack honours
/// that for 30 minutes and 5 messages while a request may wait an hour: past that the card is given up, never retried.
/// </summary>
public class SlackRequesterCardTests
{
    [Fact]
    public async Task A_requester_card_whose_response_url_expired_is_given_up_once_and_the_requester_is_told_by_direct_message()
    {
        var logs = new CollectedLogs();
        await using var bot = await TwoChannelBot.StartAsync(s => s.AddSingleton<ILoggerProvider>(logs));
        var approval = await bot.RequestLiveDeletionInSlackAsync();
        await bot.CopyShowsAsync(approval, CopyKind.Requester, "Pending");
        bot.Slack.Slack.Expire("request");

        await bot.ClickInTeamsAsync(Verbs.Approve, approval);

        await bot.CopyShowsAsync(approval, CopyKind.Requester, ApprovalCopy.GivenUp);
        Assert.Empty(Blocks.Buttons(await bot.ToldInSlackAsync("Approved by Ada Admin")));
        await bot.Slack.Slack.WaitForAsync(c => c.Method == "chat.update" && TwoChannelBot.Channel(c) == TwoChannelBot.SlackApprovers
                                                && Blocks.AllText(c.Body).Contains("Approved by Ada Admin"));
        // Two more passes of the copies job: the refused card is not tried again.
        for (var pass = 0; pass < 2; pass++)
            await ActivatorUtilities.CreateInstance<ApprovalCopiesJob>(bot.Teams.Services).Execute(null!, default);
        Assert.Single(bot.Slack.Slack.Calls, c => c.Method == "response_url:request" && Blocks.AllText(c.Body).Contains("Approved by"));
        var gaveUp = Assert.Single(logs.Entries, e => e.Message.StartsWith($"Gave up the Requester copy of approval {approval}", StringComparison.Ordinal));
        Assert.Contains("expired_url", gaveUp.Message);
    }
}
