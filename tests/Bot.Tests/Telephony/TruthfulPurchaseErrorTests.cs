using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Tests.Telephony;

/// <summary>A failed purchase is told as Twilio told it; "may or may not" only when the check after it could not tell.</summary>
public class TruthfulPurchaseErrorTests
{
    [Fact]
    public async Task A_purchase_Twilio_answers_with_500_and_did_not_make_says_what_Twilio_said_and_that_nothing_was_bought()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Offer("US", "Local", "+12125550103");
        bot.Twilio.FailNext("POST", "/IncomingPhoneNumbers.json", 20500, 500);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => bot.AddAsync(Country.US, requestKey: "card-500"));

        Assert.Equal(RefusalKind.ProviderFailed, refusal.Kind);
        Assert.Contains("Injected error 20500 (Twilio error 20500", refusal.Message);
        Assert.Contains("Nothing was bought.", refusal.Message);
        Assert.DoesNotContain("may or may not", refusal.Message);
        Assert.Equal(PurchaseState.Failed, bot.Intents.Find("card-500")!.State);
        Assert.Empty(bot.Twilio.NumbersOf(TwilioBot.PoolAccount));
        Assert.Single(bot.Twilio.RequestsTo("GET", "/IncomingPhoneNumbers.json")); // the check by tag
    }

    [Fact]
    public async Task A_purchase_Twilio_answers_with_500_but_did_make_is_kept()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Offer("US", "Local", "+12125550103");
        bot.Twilio.FailNextAfterDoing("POST", "/IncomingPhoneNumbers.json", 20500, 500);

        var added = await bot.AddAsync(Country.US, requestKey: "card-501");

        Assert.Equal(Assert.Single(bot.Twilio.NumbersOf(TwilioBot.PoolAccount)).Sid, added.Number.ProviderReference);
        Assert.Equal(PurchaseState.Completed, bot.Intents.Find("card-501")!.State);
    }

    [Fact]
    public async Task Only_a_purchase_whose_check_could_not_tell_may_or_may_not_have_been_bought_and_it_names_no_number()
    {
        await using var bot = await TwilioBot.StartAsync(new Dictionary<string, string?> { ["Twilio:TimeoutSeconds"] = "1" });
        bot.Twilio.Offer("US", "Local", "+12125550103");
        bot.Twilio.StallNext("POST", "/IncomingPhoneNumbers.json", TimeSpan.FromSeconds(30), doTheWork: false);
        bot.Twilio.FailNext("GET", "/IncomingPhoneNumbers.json", 20500, 500);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => bot.AddAsync(Country.US, requestKey: "card-502"));

        Assert.Equal(RefusalKind.OutcomeUnknown, refusal.Kind);
        Assert.Contains("may or may not", refusal.Message);
        Assert.DoesNotContain("555-0103", refusal.Message);
        Assert.Equal(PurchaseState.Pending, bot.Intents.Find("card-502")!.State);
    }

    [Fact]
    public async Task An_unknown_purchase_is_settled_by_Twilios_SID_never_by_the_phone_number_alone()
    {
        await using var bot = await TwilioBot.StartAsync();
        var elsewhere = bot.Twilio.Holds(TwilioBot.PoolAccount, "+14155550142", friendlyName: "numbersbot:card-11");
        // The bot lists the same digits under another SID (a number it once held, say).
        await bot.Numbers.AddAsync(new ProjectNumber(Guid.NewGuid(), TwilioBot.ProjectId, PhoneNumber.ParseE164("+14155550142"),
            AgentEnvironment.Sandbox, NumberSource.Platform, "PN0000000000000000000000000000old", false, null, bot.Clock.GetUtcNow(), "local:alice"),
            CancellationToken.None);
        await bot.Intents.TryBeginAsync(new PurchaseIntent("card-11", TwilioBot.ProjectId, AgentEnvironment.Sandbox, Country.US, null, null,
            TwilioBot.Alice.User.Key, bot.Clock.GetUtcNow()), CancellationToken.None);
        bot.Clock.Advance(TimeSpan.FromMinutes(6));

        await bot.Get<PurchaseReconciler>().RunAsync(CancellationToken.None);

        var settled = bot.Intents.Find("card-11")!;
        Assert.Equal(PurchaseState.Failed, settled.State);
        Assert.Contains(elsewhere.Sid, settled.Failure);
        Assert.Null(settled.NumberId);
    }
}
