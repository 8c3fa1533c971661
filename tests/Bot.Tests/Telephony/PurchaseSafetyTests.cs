using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Telephony;

/// <summary>One click buys one number, and a number Twilio sold is never forgotten.</summary>
public class PurchaseSafetyTests
{
    private static readonly Dictionary<string, string?> ShortTimeout = new() { ["Twilio:TimeoutSeconds"] = "3" };

    [Fact]
    public async Task A_double_click_buys_one_number()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Offer("US", "Local", "+14155550142");
        bot.Twilio.Offer("US", "Local", "+14155550143");
        // The first purchase is still in flight when the second click arrives.
        bot.Twilio.StallNext("POST", "/IncomingPhoneNumbers.json", TimeSpan.FromMilliseconds(500));

        var clicks = new[] { bot.AddAsync(Country.US, requestKey: "card-7"), bot.AddAsync(Country.US, requestKey: "card-7") };
        var outcomes = await Task.WhenAll(clicks.Select(async c => { try { return (object)await c; } catch (DomainException e) { return e; } }));
        var again = await bot.AddAsync(Country.US, requestKey: "card-7");

        Assert.Single(bot.Twilio.RequestsTo("POST", "/IncomingPhoneNumbers.json"));
        var held = Assert.Single(bot.Twilio.NumbersOf(TwilioBot.PoolAccount));
        var stored = Assert.Single(bot.Numbers.All);
        Assert.Equal(held.Sid, stored.ProviderReference);
        Assert.Contains(outcomes, o => o is Domain.Actions.NumberAdded { Repeated: false });
        Assert.True(again.Repeated);
        Assert.Equal(stored.Id, again.Number.Id);
    }

    [Fact]
    public async Task A_purchase_whose_answer_is_lost_is_found_by_its_tag_at_once()
    {
        await using var bot = await TwilioBot.StartAsync(ShortTimeout);
        bot.Twilio.Offer("US", "Local", "+14155550142");
        bot.Twilio.StallNext("POST", "/IncomingPhoneNumbers.json", TimeSpan.FromSeconds(30));

        var added = await bot.AddAsync(Country.US, requestKey: "card-8");

        var held = Assert.Single(bot.Twilio.NumbersOf(TwilioBot.PoolAccount));
        Assert.Equal(held.Sid, Assert.Single(bot.Numbers.All).ProviderReference);
        Assert.Equal("+14155550142", added.Number.Number.E164);
        Assert.Equal(PurchaseState.Completed, bot.Intents.Find("card-8")!.State);
        Assert.Single(bot.Twilio.RequestsTo("POST", "/IncomingPhoneNumbers.json"));
    }

    [Fact]
    public async Task A_purchase_whose_outcome_stays_unknown_is_reconciled_into_exactly_one_number_the_bot_knows()
    {
        await using var bot = await TwilioBot.StartAsync(ShortTimeout);
        bot.Twilio.Offer("US", "Local", "+14155550142");
        bot.Twilio.StallNext("POST", "/IncomingPhoneNumbers.json", TimeSpan.FromSeconds(30));
        bot.Twilio.FailNext("GET", "/IncomingPhoneNumbers.json", 20500, 500);

        var unknown = await Assert.ThrowsAsync<DomainException>(() => bot.AddAsync(Country.US, requestKey: "card-9", environment: AgentEnvironment.Live));
        Assert.Equal(RefusalKind.OutcomeUnknown, unknown.Kind);
        Assert.Equal(PurchaseState.Pending, bot.Intents.Find("card-9")!.State);
        Assert.Empty(bot.Numbers.All);
        Assert.Equal(0, await bot.Get<PurchaseReconciler>().RunAsync(CancellationToken.None)); // too young: it might still be in flight

        bot.Clock.Advance(TimeSpan.FromMinutes(6));
        var settled = await bot.Get<PurchaseReconciler>().RunAsync(CancellationToken.None);

        Assert.Equal(1, settled);
        var held = Assert.Single(bot.Twilio.NumbersOf(TwilioBot.PoolAccount));
        var stored = Assert.Single(bot.Numbers.All);
        Assert.Equal((held.Sid, "+14155550142", AgentEnvironment.Live, NumberSource.Platform),
            (stored.ProviderReference, stored.Number.E164, stored.Environment, stored.Source));
        Assert.Equal(PurchaseState.Completed, bot.Intents.Find("card-9")!.State);
        Assert.Equal([(AuditActions.NumberAdded, Actor.System.User.Key), (TelephonyAudit.Routed, Actor.System.User.Key)],
            bot.Audit.Entries.Select(e => (e.Action, e.ActorKey)));
        Assert.NotNull(held.TrunkSid);
        Assert.Equal(Reachability.Routed, stored.Reachability);
        var repeat = await bot.AddAsync(Country.US, requestKey: "card-9", environment: AgentEnvironment.Live);
        Assert.True(repeat.Repeated);
        Assert.Equal(stored.Id, repeat.Number.Id);
        Assert.Single(bot.Twilio.RequestsTo("POST", "/IncomingPhoneNumbers.json"));
    }

    [Fact]
    public async Task A_pending_purchase_Twilio_never_made_is_settled_as_failed()
    {
        await using var bot = await TwilioBot.StartAsync();
        var intent = new PurchaseIntent("card-10", TwilioBot.ProjectId, AgentEnvironment.Sandbox, Country.US, null, null,
            TwilioBot.Alice.User.Key, bot.Clock.GetUtcNow());
        await bot.Intents.TryBeginAsync(intent, CancellationToken.None);
        bot.Clock.Advance(TimeSpan.FromMinutes(6));

        await bot.Get<PurchaseReconciler>().RunAsync(CancellationToken.None);

        var settled = bot.Intents.Find("card-10")!;
        Assert.Equal((PurchaseState.Failed, PurchaseReconciler.NothingBought), (settled.State, settled.Failure));
        Assert.Empty(bot.Numbers.All);
        var refusal = await Assert.ThrowsAsync<DomainException>(() => bot.AddAsync(Country.US, requestKey: "card-10"));
        Assert.Equal(PurchaseReconciler.NothingBought, refusal.Message);
    }
}
