using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Bot.Telephony;
using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Bot.Tests.Approvals;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Tests.Telephony;

/// <summary>One drift check cycle at a time against the fake Twilio, for each repair and each report.</summary>
public class DriftCheckTests
{
    private const string TeamsPlace = "19:admins@thread.tacv2";
    private const string SlackPlace = "C0ADMINS";

    private static readonly SipAddresses LiveSip = TwilioBot.Sip[AgentEnvironment.Live];

    private static Task<TwilioBot> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Teams:ApprovalsConversationId"] = TeamsPlace, ["Slack:ApprovalsChannel"] = SlackPlace };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        return TwilioBot.StartAsync(all);
    }

    /// <summary>The Live trunk NumbersBot made, sending calls to <paramref name="sip"/>.</summary>
    private static FakeTrunk LiveTrunk(TwilioBot bot, SipAddresses? sip = null, string account = TwilioBot.PoolAccount)
    {
        var trunk = bot.Twilio.HasTrunk(account, TwilioTags.Trunk(TwilioBot.ProjectId, AgentEnvironment.Live));
        sip ??= LiveSip;
        trunk.OriginationUrls.Add(new FakeOriginationUrl("OU" + Guid.NewGuid().ToString("N")) { SipUrl = sip.Main, Priority = 10, Weight = 10, Enabled = true });
        trunk.OriginationUrls.Add(new FakeOriginationUrl("OU" + Guid.NewGuid().ToString("N")) { SipUrl = sip.Fallback, Priority = 20, Weight = 10, Enabled = true });
        return trunk;
    }

    /// <summary>A Live number held at Twilio on <paramref name="trunk"/> and listed by NumbersBot as routed.</summary>
    private static async Task<ProjectNumber> ListedAsync(TwilioBot bot, string e164, FakeTrunk? trunk, NumberSource source = NumberSource.Platform)
    {
        var account = source == NumberSource.Platform ? TwilioBot.PoolAccount : TwilioBot.CustomerAccount;
        var held = bot.Twilio.Holds(account, e164, trunk?.Sid, source == NumberSource.Platform ? TwilioTags.Purchase($"card-{e164}") : null);
        var number = new ProjectNumber(Guid.NewGuid(), TwilioBot.ProjectId, PhoneNumber.ParseE164(e164), AgentEnvironment.Live, source, held.Sid,
            simulated: false, null, bot.Clock.GetUtcNow(), TwilioBot.Alice.User.Key, reachability: Reachability.Routed);
        await bot.Numbers.AddAsync(number, CancellationToken.None);
        return number;
    }

    private static async Task<DriftOutcome> CycleAsync(TwilioBot bot) =>
        await bot.Get<DriftCycles>().RunOnceAsync(CancellationToken.None) ?? throw new InvalidOperationException("The cycle did not run.");

    private static IEnumerable<AuditEntry> Repairs(TwilioBot bot) => bot.Audit.Entries.Where(e => e.Action == TelephonyAudit.Repaired);

    [Fact]
    public async Task When_Twilio_holds_what_NumbersBot_lists_nothing_is_repaired_or_reported()
    {
        await using var bot = await StartAsync();
        var trunk = LiveTrunk(bot);
        await ListedAsync(bot, "+14155550100", trunk);
        await ListedAsync(bot, "+14155550101", trunk);

        var outcome = await CycleAsync(bot);

        Assert.Empty(outcome.Repairs);
        Assert.Empty(outcome.Reported);
        Assert.Equal(2, outcome.Listed);
        Assert.Empty(Repairs(bot));
        Assert.DoesNotContain(bot.Twilio.Requests, r => r.Method != "GET");
    }

    [Fact]
    public async Task A_number_Twilio_no_longer_holds_is_forgotten_through_the_removal_step_and_its_pending_approval_voided()
    {
        await using var bot = await StartAsync();
        var trunk = LiveTrunk(bot);
        var gone = await ListedAsync(bot, "+14155550100", trunk);
        await ListedAsync(bot, "+14155550101", trunk);
        var approvals = bot.Get<IApprovalRepository>();
        var request = ApprovalRequest.ToDelete(Guid.NewGuid(), gone, TwilioBot.Alice, bot.Clock.GetUtcNow(), new ApprovalPolicy(TimeSpan.FromHours(1)));
        await approvals.AddAsync(request, CancellationToken.None);
        // Released in the Twilio console (or by a release whose answer never arrived).
        await bot.Telephony.ReleaseAsync(TwilioBot.ProjectId, TelephonySteps.Provisioned(gone), CancellationToken.None);

        var outcome = await CycleAsync(bot);

        Assert.Single(outcome.Repairs);
        Assert.Null(await bot.Numbers.FindAsync(gone.Id, CancellationToken.None));
        Assert.Equal(ApprovalStatus.Voided, (await approvals.FindAsync(request.Id, CancellationToken.None))!.Status);
        var repair = Assert.Single(Repairs(bot));
        Assert.Equal(gone.Number.E164, repair.Number);
        Assert.Contains(bot.Audit.Entries, e => e.Action == AuditActions.NumberDeleted && e.Number == gone.Number.E164);
        Assert.Empty(await bot.Get<ITelephonyOperationRepository>().ListPendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_customers_number_gone_from_their_account_is_forgotten_and_nothing_is_ever_released()
    {
        await using var bot = await StartAsync();
        var trunk = LiveTrunk(bot, account: TwilioBot.CustomerAccount);
        var connected = await ListedAsync(bot, "+14155550150", trunk, NumberSource.Twilio);
        await ListedAsync(bot, "+14155550151", trunk, NumberSource.Twilio);
        bot.Twilio.Forget(connected.ProviderReference);

        await CycleAsync(bot);

        Assert.Null(await bot.Numbers.FindAsync(connected.Id, CancellationToken.None));
        Assert.Empty(bot.Twilio.RequestsTo("DELETE", "/IncomingPhoneNumbers/"));
        Assert.Single(Repairs(bot));
    }

    [Fact]
    public async Task A_number_on_no_trunk_is_put_back_on_its_environments_trunk_and_the_repair_audited()
    {
        await using var bot = await StartAsync();
        var trunk = LiveTrunk(bot);
        var adrift = await ListedAsync(bot, "+14155550100", trunk: null);

        var outcome = await CycleAsync(bot);

        Assert.Equal(trunk.Sid, bot.Twilio.NumbersOf(TwilioBot.PoolAccount).Single(n => n.Sid == adrift.ProviderReference).TrunkSid);
        Assert.Contains("no SIP trunk", Assert.Single(outcome.Repairs));
        Assert.Equal(adrift.Number.E164, Assert.Single(Repairs(bot)).Number);
        Assert.Equal(Reachability.Routed, (await bot.Numbers.FindAsync(adrift.Id, CancellationToken.None))!.Reachability);
    }

    [Fact]
    public async Task A_trunk_that_no_longer_sends_calls_to_the_environments_SIP_addresses_is_brought_back()
    {
        await using var bot = await StartAsync();
        var trunk = LiveTrunk(bot, new SipAddresses("sip:old@acme.voice.example.com", "sip:old@acme.voice.example.com"));
        await ListedAsync(bot, "+14155550100", trunk);
        await ListedAsync(bot, "+14155550101", trunk);

        await CycleAsync(bot);

        var after = bot.Twilio.TrunksOf(TwilioBot.PoolAccount).Single(t => t.Sid == trunk.Sid);
        Assert.Equal([LiveSip.Main, LiveSip.Fallback], after.OriginationUrls.OrderBy(o => o.Priority).Select(o => o.SipUrl));
        Assert.Single(Repairs(bot), r => r.Number is null && r.Environment == AgentEnvironment.Live);
    }

    [Fact]
    public async Task A_re_routed_number_is_told_to_the_admins_once_with_a_Test_call_button_that_calls_it()
    {
        await using var bot = await StartAsync(new() { ["Twilio:TestCaller"] = "+14155550999" });
        var trunk = LiveTrunk(bot);
        var adrift = await ListedAsync(bot, "+14155550100", trunk: null);
        bot.Twilio.CallsTo(adrift.Number.E164, new FakeCallOutcome.Answered(RingSeconds: 2, TalkSeconds: 4));

        await CycleAsync(bot);
        await CycleAsync(bot);
        // As after a restart: a new poster over the same recorded notices.
        await Restarted(bot).PostDueAsync(CancellationToken.None);

        var channels = bot.Get<RecordingChannels>();
        Assert.Equal(("post", SlackPlace), Assert.Single(channels.Slack.Sent) is var s ? (s.Kind, s.Where) : default);
        var (kind, where, reply) = Assert.Single(channels.Teams.Sent);
        Assert.Equal(("post", TeamsPlace), (kind, where));
        var card = Assert.IsType<ResultView>(reply.Model);
        Assert.Equal((DriftNotices.RepairedTitle, "good", TwilioBot.ProjectId), (card.Title, card.Style, card.Project!.Id));
        Assert.Contains("+1 415-555-0100 (Acme, Live) was on no SIP trunk", card.Text);
        Assert.Contains($"sends calls to {LiveSip.Main} (fallback {LiveSip.Fallback})", card.Text);
        Assert.Contains(new Fact("Environment", "Live"), card.Facts);
        var offer = Assert.Single(card.TestCalls);
        Assert.Equal((TwilioBot.ProjectId, "+14155550100", "Test call"), (offer.Project, offer.Number, offer.Title));

        var result = await ClickAsync(bot, offer);

        Assert.Equal("Test call to +1 415-555-0100: answered", result.Title);
        Assert.Equal(adrift.Number.E164, Assert.Single(bot.Twilio.RequestsTo("POST", "/Calls.json")).Form["To"]);
    }

    [Fact]
    public async Task A_repair_whose_card_could_not_be_posted_is_posted_after_a_restart()
    {
        await using var bot = await StartAsync();
        LiveTrunk(bot);
        await ListedAsync(bot, "+14155550100", trunk: null);
        var channels = bot.Get<RecordingChannels>();
        channels.Teams.FailuresLeft = 1;

        await CycleAsync(bot);
        Assert.Empty(channels.Teams.Sent);
        bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await Restarted(bot).PostDueAsync(CancellationToken.None);
        await Restarted(bot).PostDueAsync(CancellationToken.None);

        Assert.Equal("+14155550100", Assert.Single(Assert.IsType<ResultView>(Assert.Single(channels.Teams.Sent).Reply.Model).TestCalls).Number);
        Assert.Single(channels.Slack.Sent);
    }

    [Fact]
    public async Task A_re_route_Twilio_refuses_is_reported_as_needing_a_person_and_not_told_as_repaired()
    {
        await using var bot = await StartAsync();
        LiveTrunk(bot);
        var adrift = await ListedAsync(bot, "+14155550100", trunk: null);
        bot.Twilio.FailNext("POST", adrift.ProviderReference, 21421, 400);

        var outcome = await CycleAsync(bot);
        bot.Clock.Advance(TimeSpan.FromMinutes(5));
        await Restarted(bot).PostDueAsync(CancellationToken.None);

        Assert.Empty(outcome.Repairs);
        Assert.Contains("the provider refused", Assert.Single(outcome.Reported).Text);
        Assert.Equal(Reachability.Unreachable, (await bot.Numbers.FindAsync(adrift.Id, CancellationToken.None))!.Reachability);
        var channels = bot.Get<RecordingChannels>();
        var card = Assert.IsType<ResultView>(Assert.Single(channels.Teams.Sent).Reply.Model);
        Assert.Equal((DriftNotices.Title, "attention"), (card.Title, card.Style));
        Assert.Contains("+14155550100 back on Live's SIP trunk", card.Text);
        Assert.Empty(card.TestCalls);
        Assert.Single(channels.Slack.Sent);
    }

    [Fact]
    public async Task A_refused_re_route_the_worker_later_completes_is_then_told_as_repaired_once()
    {
        await using var bot = await StartAsync();
        var trunk = LiveTrunk(bot);
        var adrift = await ListedAsync(bot, "+14155550100", trunk: null);
        bot.Twilio.FailNext("POST", adrift.ProviderReference, 21421, 400);
        await CycleAsync(bot);

        bot.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await bot.Get<TelephonySteps>().ResumeAsync(CancellationToken.None));
        await Restarted(bot).PostDueAsync(CancellationToken.None);
        await Restarted(bot).PostDueAsync(CancellationToken.None);

        Assert.Equal(trunk.Sid, bot.Twilio.NumbersOf(TwilioBot.PoolAccount).Single(n => n.Sid == adrift.ProviderReference).TrunkSid);
        var titles = bot.Get<RecordingChannels>().Teams.Sent.Select(s => Assert.IsType<ResultView>(s.Reply.Model).Title).ToList();
        Assert.Equal([DriftNotices.Title, DriftNotices.RepairedTitle], titles);
    }

    [Fact]
    public async Task A_repair_that_waited_for_its_route_and_then_failed_to_post_is_retried_after_the_first_pause()
    {
        await using var bot = await StartAsync();
        LiveTrunk(bot);
        var adrift = await ListedAsync(bot, "+14155550100", trunk: null);
        bot.Twilio.FailNext("POST", adrift.ProviderReference, 21421, 400);
        await CycleAsync(bot);
        var teams = bot.Get<RecordingChannels>().Teams;
        for (var run = 0; run < 5; run++)
        {
            bot.Clock.Advance(TimeSpan.FromMinutes(1));
            await Restarted(bot).PostDueAsync(CancellationToken.None);
        }

        bot.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await bot.Get<TelephonySteps>().ResumeAsync(CancellationToken.None));
        teams.FailuresLeft = 1;
        await Restarted(bot).PostDueAsync(CancellationToken.None);
        bot.Clock.Advance(TimeSpan.FromSeconds(30));
        await Restarted(bot).PostDueAsync(CancellationToken.None);

        Assert.Equal([DriftNotices.Title, DriftNotices.RepairedTitle], teams.Sent.Select(s => Assert.IsType<ResultView>(s.Reply.Model).Title));
    }

    [Fact]
    public async Task A_repair_whose_route_is_not_confirmed_after_ten_minutes_is_told_as_not_confirmed_saying_it_is_still_routing()
    {
        await using var bot = await StartAsync();
        LiveTrunk(bot);
        var adrift = await ListedAsync(bot, "+14155550100", trunk: null);
        bot.Twilio.FailNext("POST", adrift.ProviderReference, 21421, 400);
        await CycleAsync(bot);
        var teams = bot.Get<RecordingChannels>().Teams;
        var started = bot.Clock.GetUtcNow();
        while (bot.Clock.GetUtcNow() - started < DriftNotices.LongestWaitForRoute)
        {
            await Restarted(bot).PostDueAsync(CancellationToken.None);
            Assert.Equal([DriftNotices.Title], teams.Sent.Select(s => Assert.IsType<ResultView>(s.Reply.Model).Title));
            bot.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await Restarted(bot).PostDueAsync(CancellationToken.None);

        var card = Assert.IsType<ResultView>(teams.Sent[^1].Reply.Model);
        Assert.Equal((DriftNotices.RepairNotConfirmedTitle, "attention"), (card.Title, card.Style));
        Assert.Contains(card.Facts, f => f.Title == DriftNotices.NotYetConfirmed && f.Value.StartsWith("Twilio had not confirmed every route after 10 minutes"));
        Assert.Equal([adrift.Number.E164], card.TestCalls.Select(o => o.Number));
        Assert.Equal(Reachability.Unreachable, (await bot.Numbers.FindAsync(adrift.Id, CancellationToken.None))!.Reachability);
    }

    [Fact]
    public async Task A_repair_whose_route_is_confirmed_in_time_says_nothing_of_routing()
    {
        await using var bot = await StartAsync();
        LiveTrunk(bot);
        var adrift = await ListedAsync(bot, "+14155550100", trunk: null);

        await CycleAsync(bot);
        await Restarted(bot).PostDueAsync(CancellationToken.None);

        var card = Assert.IsType<ResultView>(Assert.Single(bot.Get<RecordingChannels>().Teams.Sent).Reply.Model);
        Assert.Equal((DriftNotices.RepairedTitle, "good"), (card.Title, card.Style));
        Assert.DoesNotContain(card.Facts, f => f.Title == DriftNotices.NotYetConfirmed);
        Assert.Equal(Reachability.Routed, (await bot.Numbers.FindAsync(adrift.Id, CancellationToken.None))!.Reachability);
    }

    [Fact]
    public async Task A_trunk_brought_back_to_its_SIP_addresses_is_told_with_where_it_sent_calls_and_a_Test_call_for_each_number()
    {
        await using var bot = await StartAsync();
        var trunk = LiveTrunk(bot, new SipAddresses("sip:old@acme.voice.example.com", "sip:old-fallback@acme.voice.example.com"));
        await ListedAsync(bot, "+14155550100", trunk);
        await ListedAsync(bot, "+14155550101", trunk);

        await CycleAsync(bot);
        await CycleAsync(bot);

        var card = Assert.IsType<ResultView>(Assert.Single(bot.Get<RecordingChannels>().Teams.Sent).Reply.Model);
        Assert.Contains($"Live's SIP trunk {trunk.Sid} in Acme sent calls to sip:old@acme.voice.example.com (fallback sip:old-fallback@acme.voice.example.com)", card.Text);
        Assert.Contains($"re-routed its 2 numbers, which brings the trunk back to {LiveSip.Main} (fallback {LiveSip.Fallback})", card.Text);
        Assert.Equal(["+14155550100", "+14155550101"], card.TestCalls.Select(o => o.Number).Order());
        Assert.Equal(["Test call +1 415-555-0100", "Test call +1 415-555-0101"], card.TestCalls.Select(o => o.Title).Order());
        Assert.Contains(new Fact("Numbers", string.Join(", ", card.TestCalls.Select(o => PhoneNumber.ParseE164(o.Number).Display))), card.Facts);
    }

    [Fact]
    public async Task A_trunk_repair_is_told_without_waiting_for_another_numbers_route_step_in_its_environment()
    {
        await using var bot = await StartAsync();
        var trunk = LiveTrunk(bot, new SipAddresses("sip:old@acme.voice.example.com", "sip:old-fallback@acme.voice.example.com"));
        await ListedAsync(bot, "+14155550100", trunk);
        await ListedAsync(bot, "+14155550101", trunk);
        var teams = bot.Get<RecordingChannels>().Teams;
        teams.FailuresLeft = 1;
        await CycleAsync(bot);

        // A number added to Live meanwhile, its route step recorded and not yet confirmed.
        var added = await ListedAsync(bot, "+14155550102", trunk: null);
        await bot.Get<TelephonySteps>().RecordRouteAsync(added, Domain.Access.Actor.System, "bought", CancellationToken.None);
        bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await Restarted(bot).PostDueAsync(CancellationToken.None);

        var card = Assert.IsType<ResultView>(Assert.Single(teams.Sent).Reply.Model);
        Assert.Equal(DriftNotices.RepairedTitle, card.Title);
        Assert.Equal(["+14155550100", "+14155550101"], card.TestCalls.Select(o => o.Number).Order());
    }

    [Fact]
    public async Task A_trunk_repair_of_more_numbers_than_its_card_offers_waits_for_the_route_of_each()
    {
        await using var bot = await StartAsync();
        var trunk = LiveTrunk(bot, new SipAddresses("sip:old@acme.voice.example.com", "sip:old-fallback@acme.voice.example.com"));
        var listed = new List<ProjectNumber>();
        for (var i = 0; i <= TestCallOffer.MostOffered; i++) listed.Add(await ListedAsync(bot, $"+1415555010{i}", trunk));
        bot.Twilio.FailNext("GET", listed[^1].ProviderReference, 20404, 404);

        await CycleAsync(bot);
        var teams = bot.Get<RecordingChannels>().Teams;
        Assert.Equal([DriftNotices.Title], teams.Sent.Select(s => Assert.IsType<ResultView>(s.Reply.Model).Title));

        bot.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await bot.Get<TelephonySteps>().ResumeAsync(CancellationToken.None));
        await Restarted(bot).PostDueAsync(CancellationToken.None);

        var card = Assert.IsType<ResultView>(teams.Sent[^1].Reply.Model);
        Assert.Equal(DriftNotices.RepairedTitle, card.Title);
        Assert.Equal(listed.Take(TestCallOffer.MostOffered).Select(n => n.Number.E164), card.TestCalls.Select(o => o.Number).Order());
    }

    /// <summary>The bot's poster of drift notices as a new process would make it, over the same store and channels.</summary>
    private static DriftNotices Restarted(TwilioBot bot) =>
        new(bot.Get<IServiceScopeFactory>(), bot.Get<IEnumerable<IReplyChannel>>(), bot.Clock, NullLogger<DriftNotices>.Instance);

    /// <summary>An admin clicks the card's Test call button: the verb gets the button's data.</summary>
    private static async Task<ResultView> ClickAsync(TwilioBot bot, TestCallOffer offer)
    {
        var verbs = new TestCallVerbs(bot.Get<TestCallHandler>(), bot.Get<NumbersBot.Domain.IIdSource>());
        var reply = await verbs.TestAsync(new ConversationRequest(TwilioBot.Alice, Verbs.TestCall, new Dictionary<string, string?>
        {
            [Keys.Project] = offer.Project, [Keys.NumberId] = offer.NumberId, [Keys.Number] = offer.Number,
        }), CancellationToken.None);
        return Assert.IsType<ResultView>(reply.Model);
    }

    [Fact]
    public async Task A_tagged_number_whose_purchase_never_got_its_answer_is_adopted_and_routed()
    {
        await using var bot = await StartAsync();
        var trunk = LiveTrunk(bot);
        var catalog = VariantCatalog.Empty(TwilioBot.ProjectId);
        catalog.AddDraft("v-london", "London");
        await bot.Get<IVariantCatalogRepository>().SaveAsync(catalog, CancellationToken.None);
        var intent = new PurchaseIntent("card-lost", TwilioBot.ProjectId, AgentEnvironment.Live, Country.US, null, "v-london", TwilioBot.Alice.User.Key,
            bot.Clock.GetUtcNow());
        await bot.Intents.TryBeginAsync(intent, CancellationToken.None);
        var bought = bot.Twilio.Holds(TwilioBot.PoolAccount, "+14155550177", null, TwilioTags.Purchase("card-lost"));
        bot.Clock.Advance(TimeSpan.FromMinutes(6));

        await CycleAsync(bot);

        var adopted = Assert.Single(await bot.Numbers.ListAllAsync(CancellationToken.None));
        Assert.Equal((bought.E164, bought.Sid, AgentEnvironment.Live), (adopted.Number.E164, adopted.ProviderReference, adopted.Environment));
        Assert.Equal(PurchaseState.Completed, bot.Intents.Find("card-lost")!.State);
        Assert.Equal(trunk.Sid, bot.Twilio.NumbersOf(TwilioBot.PoolAccount).Single().TrunkSid);
        Assert.Contains(Repairs(bot), r => r.Number == bought.E164);
        // The same history as a purchase settled after its answer was lost: where it serves, its source and variant, for whom.
        var added = Assert.Single(bot.Audit.Entries, e => e.Action == AuditActions.NumberAdded);
        Assert.Equal($"Live, source PolyAI, variant London; bought for {TwilioBot.Alice.User.Key}, found at the provider by the drift check", added.After);
    }

    [Fact]
    public async Task A_tagged_number_whose_purchase_is_still_in_flight_is_left_to_the_purchase()
    {
        await using var bot = await StartAsync();
        await bot.Intents.TryBeginAsync(new PurchaseIntent("card-now", TwilioBot.ProjectId, AgentEnvironment.Live, Country.US, null, null,
            TwilioBot.Alice.User.Key, bot.Clock.GetUtcNow()), CancellationToken.None);
        bot.Twilio.Holds(TwilioBot.PoolAccount, "+14155550178", null, TwilioTags.Purchase("card-now"));

        var outcome = await CycleAsync(bot);

        Assert.Empty(await bot.Numbers.ListAllAsync(CancellationToken.None));
        Assert.Empty(outcome.Repairs);
        Assert.Empty(outcome.Reported);
    }

    [Fact]
    public async Task A_tagged_number_whose_purchase_settles_while_Twilio_is_read_is_neither_reported_nor_adopted_again()
    {
        await using var bot = await StartAsync();
        LiveTrunk(bot);
        await bot.Intents.TryBeginAsync(new PurchaseIntent("card-settling", TwilioBot.ProjectId, AgentEnvironment.Live, Country.US, null, null,
            TwilioBot.Alice.User.Key, bot.Clock.GetUtcNow()), CancellationToken.None);
        var bought = bot.Twilio.Holds(TwilioBot.PoolAccount, "+14155550176", null, TwilioTags.Purchase("card-settling"));
        var settled = new ProjectNumber(Guid.NewGuid(), TwilioBot.ProjectId, PhoneNumber.ParseE164(bought.E164), AgentEnvironment.Live,
            NumberSource.Platform, bought.Sid, simulated: false, null, bot.Clock.GetUtcNow(), TwilioBot.Alice.User.Key);
        // The purchase's answer is stored by the request (or the reconciler) while the drift check pages through Twilio.
        bot.Twilio.MeanwhileNext("GET", "IncomingPhoneNumbers.json", () =>
        {
            bot.Numbers.AddAsync(settled, CancellationToken.None).GetAwaiter().GetResult();
            bot.Intents.CompleteAsync("card-settling", settled.Id, CancellationToken.None).GetAwaiter().GetResult();
        });

        var outcome = await CycleAsync(bot);

        Assert.Empty(outcome.Reported);
        Assert.Empty(outcome.Repairs);
        Assert.Equal(settled.Id, Assert.Single(await bot.Numbers.ListAllAsync(CancellationToken.None)).Id);
        Assert.DoesNotContain(bot.Audit.Entries, e => e.Action == TelephonyAudit.Anomaly);
    }

    [Fact]
    public async Task A_tagged_number_the_purchase_reconciler_stores_while_the_drift_check_adopts_it_is_left_to_the_reconciler()
    {
        await using var bot = await StartAsync();
        LiveTrunk(bot);
        await bot.Intents.TryBeginAsync(new PurchaseIntent("card-racing", TwilioBot.ProjectId, AgentEnvironment.Live, Country.US, null, null,
            TwilioBot.Alice.User.Key, bot.Clock.GetUtcNow()), CancellationToken.None);
        var bought = bot.Twilio.Holds(TwilioBot.PoolAccount, "+14155550175", null, TwilioTags.Purchase("card-racing"));
        bot.Clock.Advance(TimeSpan.FromMinutes(6));
        var stored = new ProjectNumber(Guid.NewGuid(), TwilioBot.ProjectId, PhoneNumber.ParseE164(bought.E164), AgentEnvironment.Live,
            NumberSource.Platform, bought.Sid, simulated: false, null, bot.Clock.GetUtcNow(), TwilioBot.Alice.User.Key);
        // The reconciler stores the number after the drift check read what NumbersBot lists, before it adopts the number itself.
        bot.Twilio.MeanwhileNext("GET", "IncomingPhoneNumbers.json", () => bot.Numbers.AddAsync(stored, CancellationToken.None).GetAwaiter().GetResult());

        var outcome = await CycleAsync(bot);

        Assert.Empty(outcome.Repairs);
        Assert.Equal(stored.Id, Assert.Single(await bot.Numbers.ListAllAsync(CancellationToken.None)).Id);
        Assert.DoesNotContain(bot.Audit.Entries, e => e.Action == TelephonyAudit.Repaired);
    }

    [Fact]
    public async Task A_tagged_number_nobody_asked_for_is_reported_once_to_the_admins_places_in_Teams_and_Slack()
    {
        await using var bot = await StartAsync();
        var stray = bot.Twilio.Holds(TwilioBot.PoolAccount, "+14155550199", null, TwilioTags.Purchase("card-unknown"));

        var first = await CycleAsync(bot);
        var second = await CycleAsync(bot);

        var finding = Assert.Single(first.Reported);
        Assert.Equal(stray.Sid, finding.ProviderReference);
        Assert.Single(second.Reported);
        var teams = bot.Get<RecordingChannels>().Teams.Sent;
        var slack = bot.Get<RecordingChannels>().Slack.Sent;
        Assert.Equal(("post", TeamsPlace), Assert.Single(teams) is var t ? (t.Kind, t.Where) : default);
        Assert.Equal(("post", SlackPlace), Assert.Single(slack) is var s ? (s.Kind, s.Where) : default);
        var card = Assert.IsType<NumbersBot.Bot.Cards.Views.ResultView>(teams[0].Reply.Model);
        Assert.Contains("+14155550199", card.Text);
        Assert.Contains(card.Facts, f => f.Value == stray.Sid);
        Assert.Single(bot.Audit.Entries, e => e.Action == TelephonyAudit.Anomaly);
        Assert.Empty(await bot.Numbers.ListAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_notice_that_could_not_be_posted_is_posted_on_a_later_round()
    {
        await using var bot = await StartAsync();
        bot.Twilio.Holds(TwilioBot.PoolAccount, "+14155550199", null, TwilioTags.Purchase("card-unknown"));
        bot.Get<RecordingChannels>().Slack.FailuresLeft = 1;

        await CycleAsync(bot);
        Assert.Empty(bot.Get<RecordingChannels>().Slack.Sent);
        bot.Clock.Advance(TimeSpan.FromMinutes(1));
        await bot.Get<DriftNotices>().PostDueAsync(CancellationToken.None);

        Assert.Single(bot.Get<RecordingChannels>().Slack.Sent);
        Assert.Single(bot.Get<RecordingChannels>().Teams.Sent);
    }

    [Fact]
    public async Task A_customers_number_on_a_trunk_of_their_own_is_reported_and_left_where_it_is()
    {
        await using var bot = await StartAsync();
        var theirs = bot.Twilio.HasTrunk(TwilioBot.CustomerAccount, "Acme's PBX");
        var connected = await ListedAsync(bot, "+14155550150", theirs, NumberSource.Twilio);

        var outcome = await CycleAsync(bot);

        Assert.Contains(theirs.Sid, Assert.Single(outcome.Reported).Text);
        Assert.Equal(theirs.Sid, bot.Twilio.NumbersOf(TwilioBot.CustomerAccount).Single(n => n.Sid == connected.ProviderReference).TrunkSid);
        Assert.Empty(Repairs(bot));
    }

    [Fact]
    public async Task When_many_listed_numbers_are_missing_at_once_they_are_reported_not_forgotten()
    {
        await using var bot = await StartAsync();
        var trunk = LiveTrunk(bot);
        var listed = new List<ProjectNumber>();
        for (var i = 0; i < 5; i++) listed.Add(await ListedAsync(bot, $"+1415555010{i}", trunk));
        foreach (var number in listed) bot.Twilio.Forget(number.ProviderReference);

        var outcome = await CycleAsync(bot);

        Assert.Contains("5 of the 5", Assert.Single(outcome.Reported).Text);
        Assert.Equal(5, (await bot.Numbers.ListAllAsync(CancellationToken.None)).Count);
        Assert.Empty(Repairs(bot));
    }

    [Fact]
    public async Task An_account_Twilio_will_not_list_is_reported_with_Twilios_code_and_nothing_is_forgotten()
    {
        await using var bot = await StartAsync();
        await ListedAsync(bot, "+14155550100", LiveTrunk(bot));
        bot.Twilio.FailNext("GET", "/IncomingPhoneNumbers.json", 20003, 401);

        var outcome = await CycleAsync(bot);

        Assert.Equal("Twilio 20003 (HTTP 401)", Assert.Single(outcome.Reported).ProviderCode);
        Assert.Single(await bot.Numbers.ListAllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_number_with_a_step_still_recorded_is_left_to_the_telephony_worker()
    {
        await using var bot = await StartAsync();
        LiveTrunk(bot);
        var routing = await ListedAsync(bot, "+14155550100", trunk: null);
        await bot.Get<TelephonySteps>().RecordRouteAsync(routing, Domain.Access.Actor.System, "bought", CancellationToken.None);

        var outcome = await CycleAsync(bot);

        Assert.Empty(outcome.Repairs);
        Assert.Null(bot.Twilio.NumbersOf(TwilioBot.PoolAccount).Single().TrunkSid);
    }

    [Fact]
    public async Task While_another_instance_holds_the_drift_check_this_one_skips_its_turn()
    {
        await using var bot = await StartAsync();
        var now = bot.Clock.GetUtcNow();
        Assert.True(await bot.Get<IJobLeases>().TryTakeAsync(DriftCycles.LeaseName, "other-instance", now, now.AddMinutes(15), CancellationToken.None));

        Assert.Null(await bot.Get<DriftCycles>().RunOnceAsync(CancellationToken.None));
        Assert.Empty(bot.Twilio.Requests);
        bot.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.NotNull(await bot.Get<DriftCycles>().RunOnceAsync(CancellationToken.None));
    }
}
