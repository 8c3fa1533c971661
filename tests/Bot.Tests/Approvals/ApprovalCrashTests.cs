using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Persistence;
using NumbersBot.Bot.Tests.Channels.Slack;
using NumbersBot.Domain.Approvals;

namespace NumbersBot.Bot.Tests.Approvals;

/// <summary>
/// Approving a Live deletion and writing down the removal it orders are one commit: when the process dies while the
/// removal is being written, nothing of the approval stays either, so the request can be decided again. Apart, the
/// request would read Approved while the number stayed listed with no step for the worker to finish.
/// </summary>
public class ApprovalCrashTests
{
    [Fact]
    public async Task Dying_while_the_approved_removal_is_written_down_leaves_the_request_open_to_approve_again()
    {
        await using var bot = await TwoChannelBot.StartAsync();
        var approval = await bot.RequestLiveDeletionInSlackAsync();
        await SqlAsync(bot, "CREATE TRIGGER dies_here BEFORE INSERT ON telephony_operations WHEN NEW.step = 'Remove' " +
            "BEGIN SELECT RAISE(ABORT, 'the process died here'); END");

        // The storage failure stands in for the process dying there: the turn itself fails (Teams would retry it).
        using (await bot.Teams.PostAsync(bot.Teams.Execute(Verbs.Approve,
            new JsonObject { [Keys.ApprovalId] = approval, [Keys.Project] = "demo" }, replyToId: "approvers-card"))) { }

        Assert.Equal(ApprovalStatus.Pending, (await RequestAsync(bot, approval)).Status);
        Assert.Contains("+1 415-555-0102", Blocks.AllText(await bot.Slack.NumbersAsync()));

        await SqlAsync(bot, "DROP TRIGGER dies_here");
        await bot.ClickInTeamsAsync(Verbs.Approve, approval);

        Assert.Equal(ApprovalStatus.Approved, (await RequestAsync(bot, approval)).Status);
        Assert.DoesNotContain("+1 415-555-0102", Blocks.AllText(await bot.Slack.NumbersAsync()));
    }

    private static async Task SqlAsync(TwoChannelBot bot, string sql)
    {
        await using var scope = bot.Teams.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DbSession>().ExecuteAsync(sql, null, CancellationToken.None);
    }

    private static async Task<ApprovalRequest> RequestAsync(TwoChannelBot bot, string approval)
    {
        await using var scope = bot.Teams.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IApprovalRepository>().FindAsync(Guid.Parse(approval), CancellationToken.None))!;
    }
}
