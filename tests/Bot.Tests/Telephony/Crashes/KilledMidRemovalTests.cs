namespace NumbersBot.Bot.Tests.Telephony.Crashes;

/// <summary>
/// Issue 15: the bot's process dies while Twilio holds the call that frees a deleted number. After a restart the
/// number is released (a pool number) or only detached (a customer's), once, and no longer listed.
/// </summary>
[Collection(KilledBots.Collection)]
public class KilledMidRemovalTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Killed_while_Twilio_holds_the_release_of_a_deleted_pool_number_it_is_released_and_no_longer_listed(bool twilioReleasedIt)
    {
        await using var bot = await CrashedBot.StartAsync();
        await bot.AddRoutedAsync("+12125550181");
        var releasing = bot.Twilio.HoldNext("DELETE", "IncomingPhoneNumbers/PN", doTheWork: twilioReleasedIt);

        var click = bot.ClickUnansweredAsync("number.delete.confirm", new { project = CrashedBot.Project, numberId = await bot.IdOfAsync("+12125550181") });
        await releasing.WaitAsync(KilledBots.Patience);
        await bot.CrashAndRestartAsync();
        await click;
        await bot.GoneAsync("+12125550181");

        await bot.HoldsWhatItListsAfterADriftCycleAsync();
        Assert.DoesNotContain(bot.Twilio.NumbersOf(TwilioBot.PoolAccount), n => n.E164 == "+12125550181");
        Assert.Single(bot.Twilio.RequestsTo("POST", "IncomingPhoneNumbers.json"));
        Assert.Equal(["number.added", "number.routed", "number.deleted"], await bot.AuditOfAsync("+12125550181"));
        Assert.EndsWith("; released to the pool", (await bot.AuditTrailOfAsync("+12125550181"))[^1].After);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Killed_while_Twilio_holds_the_detach_of_a_connected_number_it_is_detached_never_released(bool twilioDetachedIt)
    {
        await using var bot = await CrashedBot.StartAsync();
        bot.Twilio.Holds(TwilioBot.CustomerAccount, "+12125550182");
        await bot.ClickAsync("number.connect", new { project = CrashedBot.Project, environment = "Sandbox", number = "+12125550182" });
        await bot.RoutedAsync("+12125550182");
        Assert.NotNull(Assert.Single(bot.Twilio.NumbersOf(TwilioBot.CustomerAccount)).TrunkSid);
        var detaching = bot.Twilio.HoldNext("DELETE", "/PhoneNumbers/PN", doTheWork: twilioDetachedIt);

        var click = bot.ClickUnansweredAsync("number.delete.confirm", new { project = CrashedBot.Project, numberId = await bot.IdOfAsync("+12125550182") });
        await detaching.WaitAsync(KilledBots.Patience);
        await bot.CrashAndRestartAsync();
        await click;
        await bot.GoneAsync("+12125550182");

        await bot.HoldsWhatItListsAfterADriftCycleAsync();
        var kept = Assert.Single(bot.Twilio.NumbersOf(TwilioBot.CustomerAccount));
        Assert.Equal(("+12125550182", null), (kept.E164, kept.TrunkSid));
        Assert.Empty(bot.Twilio.RequestsTo("DELETE", "IncomingPhoneNumbers"));
        Assert.Equal(["number.connected", "number.routed", "number.deleted"], await bot.AuditOfAsync("+12125550182"));
        Assert.EndsWith("; detached, still in the customer's Twilio account", (await bot.AuditTrailOfAsync("+12125550182"))[^1].After);
    }

    [Fact]
    public async Task Killed_after_a_route_put_a_connected_number_someone_removed_meanwhile_back_on_its_trunk_it_is_detached_again_after_the_restart()
    {
        await using var bot = await CrashedBot.StartAsync();
        bot.Twilio.Holds(TwilioBot.CustomerAccount, "+12125550184");
        await bot.ClickAsync("number.connect", new { project = CrashedBot.Project, environment = "Sandbox", number = "+12125550184" });
        await bot.RoutedAsync("+12125550184");
        // Sandbox moves to new SIP addresses; the number's re-route is on its way to Twilio while Alice deletes the number.
        var rerouting = bot.Twilio.PauseNext("POST", "/OriginationUrls");
        await bot.ClickAsync("project.sip", new
        {
            project = CrashedBot.Project, environment = "Sandbox",
            main = "sip:sandbox-v2@demo.voice.example.com", fallback = "sip:sandbox-v2-fallback@demo.voice.example.com",
        });
        await rerouting.Arrived.WaitAsync(KilledBots.Patience);
        await bot.ClickAsync("number.delete.confirm", new { project = CrashedBot.Project, numberId = await bot.IdOfAsync("+12125550184") });
        await bot.GoneAsync("+12125550184");
        Assert.Null(Assert.Single(bot.Twilio.NumbersOf(TwilioBot.CustomerAccount)).TrunkSid);
        // The re-route lands after the detach, and the process dies before it can tell.
        var attaching = bot.Twilio.HoldNext("POST", "IncomingPhoneNumbers/PN", doTheWork: true);
        rerouting.Go();
        await attaching.WaitAsync(KilledBots.Patience);
        Assert.NotNull(Assert.Single(bot.Twilio.NumbersOf(TwilioBot.CustomerAccount)).TrunkSid);

        await bot.CrashAndRestartAsync();
        await bot.AuditedAsync("+12125550184", "number.connected", "number.routed", "number.deleted", "number.route_withdrawn");

        await bot.HoldsWhatItListsAfterADriftCycleAsync();
        var kept = Assert.Single(bot.Twilio.NumbersOf(TwilioBot.CustomerAccount));
        Assert.Equal(("+12125550184", null), (kept.E164, kept.TrunkSid));
        Assert.Empty(bot.Twilio.RequestsTo("DELETE", "IncomingPhoneNumbers"));
        Assert.EndsWith(": detached, still in the customer's Twilio account", (await bot.AuditTrailOfAsync("+12125550184"))[^1].After);
    }
}
