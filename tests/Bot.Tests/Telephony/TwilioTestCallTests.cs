using NumbersBot.Domain;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Telephony;

/// <summary>Test calls through Twilio's Calls resources (the fake): what is sent, and how each way a call ends is reported.</summary>
public class TwilioTestCallTests
{
    private const string Caller = "+14155550100";
    private const string Number = "+12125550142";

    private static Task<TwilioBot> StartAsync(string perDay = "20") => TwilioBot.StartAsync(new Dictionary<string, string?>
    {
        ["Twilio:TestCaller"] = Caller,
        ["Twilio:TestCalls:PerDay"] = perDay,
    });

    private static async Task<ProjectNumber> ListedAsync(TwilioBot bot, string e164 = Number)
    {
        bot.Twilio.Offer("US", "Local", e164);
        return (await bot.AddAsync(Country.US, requestKey: $"add-{e164}")).Number;
    }

    private static Task<TestCallReport> TestAsync(TwilioBot bot, ProjectNumber number, string requestKey = "test-1") =>
        bot.Get<TestCallHandler>().HandleAsync(new TestCall(TwilioBot.Alice, number.Id, null, requestKey), CancellationToken.None);

    [Fact]
    public async Task A_test_call_comes_from_the_test_caller_pauses_and_hangs_up_and_rings_for_a_limited_time()
    {
        await using var bot = await StartAsync();
        var number = await ListedAsync(bot);

        await TestAsync(bot, number);

        var placed = Assert.Single(bot.Twilio.RequestsTo("POST", "/Calls.json"));
        Assert.Equal($"/2010-04-01/Accounts/{TwilioBot.PoolAccount}/Calls.json", placed.Path);
        Assert.Equal(Number, placed.Form["To"]);
        Assert.Equal(Caller, placed.Form["From"]);
        Assert.Equal("<Response><Pause length=\"4\"/><Hangup/></Response>", placed.Form["Twiml"]);
        Assert.Equal("20", placed.Form["Timeout"]);
        Assert.Equal("30", placed.Form["TimeLimit"]);
    }

    [Fact]
    public async Task An_answered_call_is_reported_with_how_long_it_rang()
    {
        await using var bot = await StartAsync();
        var number = await ListedAsync(bot);
        bot.Twilio.CallsTo(Number, new FakeCallOutcome.Answered(RingSeconds: 3, TalkSeconds: 4));

        var report = await TestAsync(bot, number);

        Assert.Equal(TestCallStatus.Answered, report.Outcome!.Status);
        Assert.Equal(TimeSpan.FromSeconds(3), report.Outcome.AnsweredAfter);
        Assert.StartsWith("Answered after 3 s: calls to +1 212-555-0142 reach the agent.", report.Outcome.Describe(number.Number));
    }

    [Fact]
    public async Task A_busy_call_is_reported_busy()
    {
        await using var bot = await StartAsync();
        var number = await ListedAsync(bot);
        bot.Twilio.CallsTo(Number, new FakeCallOutcome.Busy());

        var report = await TestAsync(bot, number);

        Assert.Equal(TestCallStatus.Busy, report.Outcome!.Status);
        Assert.StartsWith("Busy: the agent's SIP address answered busy", report.Outcome.Describe(number.Number));
    }

    [Fact]
    public async Task A_call_nobody_answers_is_reported_as_no_answer()
    {
        await using var bot = await StartAsync();
        var number = await ListedAsync(bot);
        bot.Twilio.CallsTo(Number, new FakeCallOutcome.NoAnswer());

        var report = await TestAsync(bot, number);

        Assert.Equal(TestCallStatus.NoAnswer, report.Outcome!.Status);
        Assert.StartsWith("No answer: +1 212-555-0142 rang and nobody picked up", report.Outcome.Describe(number.Number));
    }

    [Fact]
    public async Task A_call_the_agents_SIP_address_refuses_is_reported_with_Twilios_code_and_the_SIP_response_from_the_trunk_leg()
    {
        await using var bot = await StartAsync();
        var number = await ListedAsync(bot);
        bot.Twilio.CallsTo(Number, new FakeCallOutcome.Failed("32011",
            "Msg=Error+communicating+with+your+SIP+communications+infrastructure&sipResponseCode=503&sipUri=sip%3Asandbox%40acme.voice.example.com"));

        var report = await TestAsync(bot, number);

        var outcome = report.Outcome!;
        Assert.Equal((TestCallStatus.Failed, "32011", 503), (outcome.Status, outcome.ProviderCode, outcome.SipCode));
        var sentence = outcome.Describe(number.Number);
        Assert.StartsWith("Failed with Twilio error 32011 (SIP 503): the agent's SIP address refused the call", sentence);
        Assert.Contains("sip:sandbox@acme.voice.example.com", sentence);
        // The placed call had no notification of its own: the leg down the trunk was found by To and From, and read.
        var list = Assert.Single(bot.Twilio.RequestsTo("GET", "/Calls.json"));
        Assert.Equal((Number, Caller), (list.Query["To"], list.Query["From"]));
        Assert.Equal(2, bot.Twilio.RequestsTo("GET", "/Notifications.json").Count);
    }

    [Fact]
    public async Task A_connected_number_refusing_the_call_is_reported_with_the_SIP_response_its_leg_has_in_the_customers_account()
    {
        await using var bot = await StartAsync();
        bot.Twilio.Holds(TwilioBot.CustomerAccount, "+14155550199");
        var number = (await bot.Get<ConnectNumberHandler>().HandleAsync(
            new ConnectNumber(TwilioBot.Alice, TwilioBot.ProjectId, AgentEnvironment.Sandbox, "+14155550199", null), CancellationToken.None)).Number;
        bot.Twilio.CallsTo("+14155550199", new FakeCallOutcome.Failed("32011", "Msg=Error+communicating+with+your+SIP+communications+infrastructure&sipResponseCode=503"));

        var report = await TestAsync(bot, number);

        Assert.Equal((TestCallStatus.Failed, "32011", 503), (report.Outcome!.Status, report.Outcome.ProviderCode, report.Outcome.SipCode));
        Assert.Contains(TwilioBot.PoolAccount, Assert.Single(bot.Twilio.RequestsTo("POST", "/Calls.json")).Path); // placed from the test caller
        Assert.Contains(TwilioBot.CustomerAccount, Assert.Single(bot.Twilio.RequestsTo("GET", "/Calls.json")).Path);
    }

    [Fact]
    public async Task A_call_is_not_given_the_error_an_earlier_test_call_left_on_its_own_trunk_leg()
    {
        await using var bot = await StartAsync();
        var number = await ListedAsync(bot);
        var earlier = bot.Twilio.Called(TwilioBot.PoolAccount, Number, DateTimeOffset.UtcNow.AddMinutes(-1), "trunking-originating", from: Caller);
        earlier.Notifications.Add(("32011", "Msg=Error+communicating+with+your+SIP+communications+infrastructure&sipResponseCode=503"));
        bot.Twilio.CallsTo(Number, new FakeCallOutcome.Busy());

        var report = await TestAsync(bot, number);

        Assert.Equal(new TestCallOutcome(TestCallStatus.Busy), report.Outcome);
    }

    [Fact]
    public async Task A_call_still_ringing_is_looked_up_again_until_it_ends()
    {
        await using var bot = await StartAsync();
        var number = await ListedAsync(bot);
        bot.Twilio.StillRinging(Number, fetches: 1);
        var policy = bot.Get<TestCallPolicy>();

        var testing = TestAsync(bot, number);
        // The pause between look-ups is on the bot's clock: moved on until the second look-up finds the call ended.
        while (!testing.IsCompleted)
        {
            bot.Clock.Advance(policy.CheckEvery);
            await Task.WhenAny(testing, Task.Delay(20));
        }
        var report = await testing;

        Assert.Equal(TestCallStatus.Answered, report.Outcome!.Status);
        Assert.Equal(2, bot.Twilio.RequestsTo("GET", "/Calls/CA").Count);
    }

    [Fact]
    public async Task A_second_click_while_the_first_call_is_under_way_places_no_second_call_and_says_so()
    {
        await using var bot = await StartAsync();
        var number = await ListedAsync(bot);
        var placing = TimeSpan.FromSeconds(2);
        bot.Twilio.StallNext("POST", "/Calls.json", placing);

        var first = TestAsync(bot, number, "click-1");
        while (bot.Twilio.RequestsTo("POST", "/Calls.json").Count < 1) await Task.Delay(10);
        var second = await Assert.ThrowsAsync<DomainException>(() => TestAsync(bot, number, "click-2"));
        await first;

        Assert.Equal(RefusalKind.Conflict, second.Kind);
        Assert.StartsWith("A test call to +1 212-555-0142 is already under way (started by Alice", second.Message);
        Assert.Single(bot.Twilio.RequestsTo("POST", "/Calls.json"));
        // Once it has ended, the number may be tested again.
        await TestAsync(bot, number, "click-3");
        Assert.Equal(2, bot.Twilio.RequestsTo("POST", "/Calls.json").Count);
    }

    [Fact]
    public async Task The_daily_cap_refuses_the_next_call_and_says_when_the_count_starts_again()
    {
        await using var bot = await StartAsync(perDay: "2");
        var number = await ListedAsync(bot);
        await TestAsync(bot, number, "t-1");
        await TestAsync(bot, number, "t-2");

        var refused = await Assert.ThrowsAsync<DomainException>(() => TestAsync(bot, number, "t-3"));

        Assert.Equal(RefusalKind.Conflict, refused.Kind);
        // The fake clock reads 09:00 UTC.
        Assert.Contains("has placed its 2 test calls for today", refused.Message);
        Assert.Contains("starts again at 00:00 UTC, in 15 h 0 min", refused.Message);
        Assert.Equal(2, bot.Twilio.RequestsTo("POST", "/Calls.json").Count);
        bot.Clock.Advance(TimeSpan.FromHours(15));
        await TestAsync(bot, number, "t-4");
        Assert.Equal(3, bot.Twilio.RequestsTo("POST", "/Calls.json").Count);
    }

    [Fact]
    public async Task A_call_Twilio_refuses_gives_its_place_in_the_days_count_back()
    {
        await using var bot = await StartAsync(perDay: "1");
        var number = await ListedAsync(bot);
        bot.Twilio.FailNext("POST", "/Calls.json", 21215, 400);

        var refused = await TestAsync(bot, number, "t-1");
        var placed = await TestAsync(bot, number, "t-2");

        Assert.Equal((TestCallStatus.NotPlaced, 0), (refused.Outcome!.Status, refused.UsedToday));
        Assert.Equal((TestCallStatus.Answered, 1), (placed.Outcome!.Status, placed.UsedToday));
        Assert.Equal(2, bot.Twilio.RequestsTo("POST", "/Calls.json").Count);
    }

    [Fact]
    public async Task A_call_whose_answer_was_lost_still_counts_since_it_may_have_rung()
    {
        await using var bot = await StartAsync(perDay: "1");
        var number = await ListedAsync(bot);
        bot.Twilio.FailNextAfterDoing("POST", "/Calls.json", 20500, 500);

        var lost = await TestAsync(bot, number, "t-1");
        var capped = await Assert.ThrowsAsync<DomainException>(() => TestAsync(bot, number, "t-2"));

        Assert.Equal((TestCallStatus.NotPlaced, 1), (lost.Outcome!.Status, lost.UsedToday));
        Assert.Contains("has placed its 1 test calls for today", capped.Message);
        Assert.Single(bot.Twilio.RequestsTo("POST", "/Calls.json"));
    }

    [Fact]
    public async Task Each_test_call_is_audited_once_with_its_outcome_and_its_call_SID()
    {
        await using var bot = await StartAsync();
        var number = await ListedAsync(bot);
        bot.Twilio.CallsTo(Number, new FakeCallOutcome.Busy());

        await TestAsync(bot, number);

        var entry = Assert.Single(bot.Audit.Entries, e => e.Action == TelephonyAudit.TestCall);
        var sid = bot.Twilio.CallsOf(TwilioBot.PoolAccount).First(c => c.Direction == "outbound-api").Sid;
        Assert.Equal((Number, "local:alice"), (entry.Number, entry.ActorKey));
        Assert.StartsWith("Busy: ", entry.After);
        Assert.EndsWith($"(call {sid})", entry.After);
    }

    [Fact]
    public async Task The_same_request_run_again_reports_the_call_it_placed_by_its_SID_instead_of_calling_again()
    {
        await using var bot = await StartAsync();
        var number = await ListedAsync(bot);
        bot.Twilio.CallsTo(Number, new FakeCallOutcome.NoAnswer());
        await TestAsync(bot, number, "deferred-1");

        var again = await TestAsync(bot, number, "deferred-1");

        Assert.Equal(TestCallStatus.NoAnswer, again.Outcome!.Status);
        Assert.Single(bot.Twilio.RequestsTo("POST", "/Calls.json"));
        Assert.Equal(2, bot.Twilio.RequestsTo("GET", "/Calls/CA").Count(r => !r.Path.EndsWith("Notifications.json", StringComparison.Ordinal)));
        Assert.Single(bot.Audit.Entries, e => e.Action == TelephonyAudit.TestCall);
    }

    [Fact]
    public async Task Without_a_test_caller_configured_no_call_is_placed_and_the_card_says_which_setting_is_missing()
    {
        await using var bot = await TwilioBot.StartAsync();
        var number = await ListedAsync(bot);

        var report = await TestAsync(bot, number);

        Assert.Equal(TestCallStatus.NotPlaced, report.Outcome!.Status);
        Assert.Contains("Twilio:TestCaller", report.Outcome.Describe(number.Number));
        Assert.Empty(bot.Twilio.RequestsTo("POST", "/Calls.json"));
        // Run again (its reply was lost): it does not claim a crash it cannot know of, and points at the history that says why.
        var again = await TestAsync(bot, number);
        Assert.Equal($"Not placed: this request's test call was not placed; `history {Number}` says why. Try Test call again.",
            again.Outcome!.Describe(number.Number));
        Assert.Contains("Twilio:TestCaller", Assert.Single(bot.Audit.Entries, e => e.Action == TelephonyAudit.TestCall).After);
    }
}
