namespace NumbersBot.Bot.Tests.Telephony.Crashes;

/// <summary>
/// The bot's process dies at each point of a test call: before Twilio has it, while Twilio places it, while it is looked up.
/// After a restart the call is looked up by its SID, or reported as not known to have rung; never placed again, audited once.
/// </summary>
[Collection(KilledBots.Collection)]
public class KilledMidTestCallTests
{
    [Fact]
    public async Task Killed_while_waiting_for_a_test_call_the_restarted_bot_looks_it_up_by_its_SID_and_audits_it_once()
    {
        await using var bot = await CrashedBot.StartAsync();
        await bot.AddRoutedAsync("+12125550181");
        bot.Twilio.CallsTo("+12125550181", new FakeCallOutcome.Answered(RingSeconds: 2));
        var lookingUp = bot.Twilio.HoldNext("GET", "/Calls/CA");

        await bot.ClickTestCallAsync("+12125550181");
        await lookingUp.WaitAsync(KilledBots.Patience);
        await bot.CrashAndRestartAsync();
        await bot.AuditedAsync("+12125550181", "number.added", "number.routed", "number.test_call");

        Assert.Single(bot.Twilio.RequestsTo("POST", "/Calls.json"));
        var placed = Assert.Single(bot.Twilio.CallsOf(TwilioBot.PoolAccount), c => c.Direction == "outbound-api");
        var (_, after) = (await bot.AuditTrailOfAsync("+12125550181"))[^1];
        Assert.Equal($"Answered after 2 s: calls to +1 212-555-0181 reach the agent. NumbersBot hung up after a few seconds. (call {placed.Sid})", after);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Killed_while_Twilio_was_placing_the_call_the_restarted_bot_places_no_second_call_and_says_it_cannot_know(bool twilioPlacedIt)
    {
        await using var bot = await CrashedBot.StartAsync();
        await bot.AddRoutedAsync("+12125550182");
        var placing = bot.Twilio.HoldNext("POST", "/Calls.json", doTheWork: twilioPlacedIt);

        await bot.ClickTestCallAsync("+12125550182");
        await placing.WaitAsync(KilledBots.Patience);
        await bot.CrashAndRestartAsync();
        await bot.AuditedAsync("+12125550182", "number.added", "number.routed", "number.test_call");

        Assert.Single(bot.Twilio.RequestsTo("POST", "/Calls.json"));
        Assert.Equal(twilioPlacedIt ? 1 : 0, bot.Twilio.CallsOf(TwilioBot.PoolAccount).Count(c => c.Direction == "outbound-api"));
        var (_, after) = (await bot.AuditTrailOfAsync("+12125550182"))[^1];
        Assert.StartsWith("Not placed: NumbersBot stopped before Twilio confirmed the call", after);
    }
}
