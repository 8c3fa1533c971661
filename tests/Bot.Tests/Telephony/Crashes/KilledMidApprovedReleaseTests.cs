namespace NumbersBot.Bot.Tests.Telephony.Crashes;

/// <summary>
/// The bot's process dies while Twilio holds the release an approval of a Live deletion ordered. The approval and its
/// removal step were committed together, so after a restart the worker finishes the release, once, and the request
/// stays approved with nothing left to retry.
/// </summary>
[Collection(KilledBots.Collection)]
public class KilledMidApprovedReleaseTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Killed_while_Twilio_holds_an_approved_release_the_number_is_released_once_and_the_approval_stands(bool twilioReleasedIt)
    {
        await using var bot = await CrashedBot.StartAsync();
        bot.Twilio.Offer("US", "Local", "+12125550183");
        await bot.ClickAsync("number.add.confirm", new { project = CrashedBot.Project, environment = "Live", country = "US", areaCode = "212", requestKey = "crash-live" });
        await bot.RoutedAsync("+12125550183");
        await bot.ClickAsync("number.delete.confirm", new { project = CrashedBot.Project, numberId = await bot.IdOfAsync("+12125550183") }, user: "local:carol");
        var (approvalId, status, _) = await bot.ApprovalOfAsync("+12125550183");
        Assert.Equal("Pending", status);
        var releasing = bot.Twilio.HoldNext("DELETE", "IncomingPhoneNumbers/PN", doTheWork: twilioReleasedIt);

        var click = bot.ClickUnansweredAsync("approval.approve", new { approvalId });
        await releasing.WaitAsync(KilledBots.Patience);
        await bot.CrashAndRestartAsync();
        await click;
        await bot.GoneAsync("+12125550183");

        await bot.HoldsWhatItListsAfterADriftCycleAsync();
        Assert.DoesNotContain(bot.Twilio.NumbersOf(TwilioBot.PoolAccount), n => n.E164 == "+12125550183");
        var approval = await bot.ApprovalOfAsync("+12125550183");
        Assert.Equal(("Approved", (string?)null), (approval.Status, approval.ReleaseFailure));
        Assert.Equal(["number.added", "number.routed", "number.deletion_requested", "approval.approved", "number.deleted"],
            await bot.AuditOfAsync("+12125550183"));
        Assert.StartsWith("deleted with approval: requested by Carol", (await bot.AuditTrailOfAsync("+12125550183"))[^1].After);
    }
}
