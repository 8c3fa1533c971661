namespace NumbersBot.Bot.Tests.Telephony.Crashes;

/// <summary>
/// Issue 15: the bot's process dies while Twilio holds one of its calls; after a restart nothing is lost or doubled.
/// One at a time (a collection): each test runs a real bot process, and the machine is shared.
/// </summary>
[Collection(KilledBots.Collection)]
public class KilledMidCallTests
{
    [Fact]
    public async Task Killed_after_Twilio_bought_the_number_but_before_the_answer_arrived_the_number_is_listed_once_and_routed()
    {
        await using var bot = await CrashedBot.StartAsync();
        bot.Twilio.Offer("US", "Local", "+12125550177");
        var bought = bot.Twilio.HoldNext("POST", "IncomingPhoneNumbers.json");

        await bot.ClickAddNumberAsync("Sandbox", "US", "212");
        await bought.WaitAsync(KilledBots.Patience);
        await bot.CrashAndRestartAsync();
        await bot.RoutedAsync("+12125550177");

        await bot.HoldsWhatItListsAfterADriftCycleAsync();
        Assert.Single(bot.Twilio.NumbersOf(TwilioBot.PoolAccount), n => n.E164 == "+12125550177");
        // Settled once: by the purchase reconciler, or by the drift check at start-up, which audits its repair.
        var audit = await bot.AuditOfAsync("+12125550177");
        Assert.Equal(["number.added", "number.routed"], audit.Where(a => a != "telephony.repaired"));
        Assert.InRange(audit.Count(a => a == "telephony.repaired"), 0, 1);
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
        await attaching.WaitAsync(KilledBots.Patience);
        await bot.CrashAndRestartAsync();
        await bot.RoutedAsync("+12125550178");

        await bot.HoldsWhatItListsAfterADriftCycleAsync();
        Assert.Single(bot.Twilio.RequestsTo("POST", "IncomingPhoneNumbers.json"));
        Assert.Equal(["number.added", "number.routed"], await bot.AuditOfAsync("+12125550178"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Killed_while_Twilio_holds_the_origination_URL_change_after_new_SIP_addresses_the_worker_reroutes_after_the_restart(bool twilioChangedIt)
    {
        await using var bot = await CrashedBot.StartAsync();
        await bot.AddRoutedAsync("+12125550179");
        var changing = bot.Twilio.HoldNext("POST", "/OriginationUrls", doTheWork: twilioChangedIt);

        await bot.ClickAsync("project.sip", new
        {
            project = CrashedBot.Project, environment = "Sandbox",
            main = "sip:sandbox-v2@demo.voice.example.com", fallback = "sip:sandbox-v2-fallback@demo.voice.example.com",
        });
        await changing.WaitAsync(KilledBots.Patience);
        await bot.CrashAndRestartAsync();
        await bot.RoutedAsync("+12125550179");

        await bot.HoldsWhatItListsAfterADriftCycleAsync();
        var trunk = Assert.Single(bot.Twilio.TrunksOf(TwilioBot.PoolAccount));
        Assert.Equal(["sip:sandbox-v2@demo.voice.example.com", "sip:sandbox-v2-fallback@demo.voice.example.com"],
            trunk.OriginationUrls.OrderBy(u => u.Priority).Select(u => u.SipUrl));
        Assert.Single(bot.Twilio.RequestsTo("POST", "IncomingPhoneNumbers.json"));
        Assert.Equal(["number.added", "number.routed", "number.routed"], await bot.AuditOfAsync("+12125550179"));
    }
}

[CollectionDefinition(Collection)]
public sealed class KilledBots
{
    public const string Collection = "bot processes killed mid-call";

    /// <summary>How long a step of these tests may take on a loaded, shared 2-core machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
}
