using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Telephony;

public class TwilioBuyingTests
{
    private static NumberOrder Order(Country country, string? areaCode = null, string intentKey = "card-1") =>
        new(TwilioBot.ProjectId, country, AreaCode.ParseFor(country, areaCode), AgentEnvironment.Sandbox, intentKey);

    [Fact]
    public async Task A_US_number_is_bought_in_the_area_code_asked_for_and_tagged_with_the_purchase()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Offer("US", "Local", "+14155550142");
        bot.Twilio.Offer("US", "Local", "+12125550142");

        var bought = await bot.Telephony.BuyAsync(Order(Country.US, "212"), CancellationToken.None);

        Assert.Equal("+12125550142", bought.Number.E164);
        Assert.Equal(NumberSource.Platform, bought.Source);
        Assert.False(bought.Simulated);
        var search = Assert.Single(bot.Twilio.RequestsTo("GET", "/AvailablePhoneNumbers/US/Local.json"));
        Assert.Equal("212", search.Query["AreaCode"]);
        Assert.Equal("true", search.Query["VoiceEnabled"]);
        var held = Assert.Single(bot.Twilio.NumbersOf(TwilioBot.PoolAccount));
        Assert.Equal(("+12125550142", "numbersbot:card-1"), (held.E164, held.FriendlyName));
        Assert.Equal(held.Sid, bought.ProviderReference);
    }

    [Fact]
    public async Task A_UK_number_is_bought_with_the_configured_bundle_and_address_trying_local_then_mobile()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Offer("GB", "Mobile", "+447700900123", addressRequirements: "any");

        var bought = await bot.Telephony.BuyAsync(Order(Country.UK), CancellationToken.None);

        Assert.Equal("+447700900123", bought.Number.E164);
        Assert.Equal(["/AvailablePhoneNumbers/GB/Local.json", "/AvailablePhoneNumbers/GB/Mobile.json"],
            bot.Twilio.RequestsTo("GET", "/AvailablePhoneNumbers/").Select(r => r.Path[r.Path.IndexOf("/AvailablePhoneNumbers/", StringComparison.Ordinal)..]));
        var purchase = Assert.Single(bot.Twilio.RequestsTo("POST", "/IncomingPhoneNumbers.json"));
        Assert.Equal(TwilioBot.BundleSid, purchase.Form["BundleSid"]);
        Assert.Equal(TwilioBot.AddressSid, purchase.Form["AddressSid"]);
    }

    [Fact]
    public async Task A_UK_purchase_without_a_bundle_is_refused_before_Twilio_is_called()
    {
        await using var bot = await TwilioBot.StartAsync(new Dictionary<string, string?>
        {
            ["Twilio:Regulatory:GB:BundleSid"] = null,
            ["Twilio:Regulatory:GB:AddressSid"] = null,
        });
        bot.Twilio.Offer("GB", "Local", "+442079460123");

        var refusal = await Assert.ThrowsAsync<DomainException>(() => bot.Telephony.BuyAsync(Order(Country.UK), CancellationToken.None));

        Assert.Equal(TwilioTelephonyProvider.UkNotSetUp, refusal.Message);
        Assert.Contains("Twilio:Regulatory:GB:BundleSid", refusal.Message);
        Assert.Empty(bot.Twilio.Requests);
    }

    [Fact]
    public async Task No_number_on_offer_is_a_plain_refusal_and_nothing_is_bought()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Offer("US", "Local", "+14155550142");

        var refusal = await Assert.ThrowsAsync<DomainException>(() => bot.Telephony.BuyAsync(Order(Country.US, "212"), CancellationToken.None));

        Assert.Equal(RefusalKind.ProviderFailed, refusal.Kind);
        Assert.Contains("no voice-capable US numbers with area code 212", refusal.Message);
        Assert.Empty(bot.Twilio.RequestsTo("POST", "/IncomingPhoneNumbers.json"));
    }

    [Fact]
    public async Task A_long_request_key_is_tagged_by_a_stable_hash_within_Twilios_64_characters_and_found_again()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Offer("CA", "Local", "+16045550123");
        var key = "teams:" + new string('x', 150);

        var bought = await bot.Telephony.BuyAsync(Order(Country.Canada, "604", key), CancellationToken.None);

        var tag = Assert.Single(bot.Twilio.NumbersOf(TwilioBot.PoolAccount)).FriendlyName;
        Assert.True(tag.Length <= 64, tag);
        Assert.Equal(TwilioTags.Purchase(key), tag);
        Assert.NotEqual(TwilioTags.Purchase(key + "y"), tag);
        var found = await bot.Get<TwilioTelephonyProvider>().FindPurchaseAsync(key, CancellationToken.None);
        Assert.Equal(bought, found);
    }
}
