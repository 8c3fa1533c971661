namespace NumbersBot.Bot.Tests.Telephony.Crashes;

/// <summary>Issue 15: the bot's process dies while Twilio holds one of its calls; after a restart nothing is lost or doubled.</summary>
public class KilledMidCallTests
{
    [Fact]
    public async Task Killed_after_Twilio_bought_the_number_but_before_the_answer_arrived_the_number_is_listed_once_and_routed()
    {
        await using var bot = await CrashedBot.StartAsync();
        bot.Twilio.Offer("US", "Local", "+12125550177");
        var bought = bot.Twilio.HoldNext("POST", "IncomingPhoneNumbers.json");

        await bot.ClickAddNumberAsync("Sandbox", "US", "212");
        await bought.WaitAsync(TimeSpan.FromSeconds(30));
        await bot.CrashAndRestartAsync();
        await bot.RoutedAsync("+12125550177");

        await bot.HoldsWhatItListsAfterADriftCycleAsync();
        Assert.Single(bot.Twilio.NumbersOf(TwilioBot.PoolAccount), n => n.E164 == "+12125550177");
        Assert.Equal(["number.added", "number.routed"], await bot.AuditOfAsync("+12125550177"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Killed_while_the_new_number_is_attached_to_its_trunk_the_worker_routes_it_after_the_restart(bool twilioAttachedIt)
    {
        await using var bot = await CrashedBot.StartAsync();
        bot.Twilio.Offer("US", "Local", "+12125550178");
        var attaching = bot.Twilio.HoldNext("POST", "IncomingPhoneNumbers/PN", doTheWork: twilioAttachedIt);

        await bot.ClickAddNumberAsync("Sandbox", "US", "212");
        await attaching.WaitAsync(TimeSpan.FromSeconds(30));
        await bot.CrashAndRestartAsync();
        await bot.RoutedAsync("+12125550178");

        await bot.HoldsWhatItListsAfterADriftCycleAsync();
        Assert.Single(bot.Twilio.RequestsTo("POST", "IncomingPhoneNumbers.json"));
        Assert.Equal(["number.added", "number.routed"], await bot.AuditOfAsync("+12125550178"));
    }
}
