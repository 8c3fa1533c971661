using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Telephony;

public class TwilioReleasingTests
{
    [Fact]
    public async Task A_pool_number_is_released_and_releasing_it_again_is_fine()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Offer("US", "Local", "+14155550142");
        var number = await bot.Telephony.BuyAsync(
            new NumberOrder(TwilioBot.ProjectId, Country.US, null, AgentEnvironment.Sandbox, "card-1"), CancellationToken.None);

        await bot.Telephony.ReleaseAsync(TwilioBot.ProjectId, number, CancellationToken.None);
        await bot.Telephony.ReleaseAsync(TwilioBot.ProjectId, number, CancellationToken.None);

        Assert.Empty(bot.Twilio.NumbersOf(TwilioBot.PoolAccount));
        Assert.All(bot.Twilio.RequestsTo("DELETE", "/IncomingPhoneNumbers/"), r => Assert.EndsWith($"/IncomingPhoneNumbers/{number.ProviderReference}.json", r.Path));
        Assert.Equal(2, bot.Twilio.RequestsTo("DELETE", "/IncomingPhoneNumbers/").Count);
    }

    [Fact]
    public async Task A_connected_number_is_only_detached_from_the_trunk_and_stays_in_the_customers_account()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Holds(TwilioBot.CustomerAccount, "+14155550199");
        var number = (await bot.Telephony.FindExistingAsync(TwilioBot.ProjectId, PhoneNumber.ParseE164("+14155550199"), CancellationToken.None))!;
        await bot.Telephony.RouteAsync(TwilioBot.ProjectId, number, AgentEnvironment.Live, TwilioBot.Sip[AgentEnvironment.Live], CancellationToken.None);

        await bot.Telephony.ReleaseAsync(TwilioBot.ProjectId, number, CancellationToken.None);

        var kept = Assert.Single(bot.Twilio.NumbersOf(TwilioBot.CustomerAccount));
        Assert.Equal(number.ProviderReference, kept.Sid);
        Assert.Null(kept.TrunkSid);
        Assert.Empty(bot.Twilio.RequestsTo("DELETE", "/IncomingPhoneNumbers/"));
        Assert.Single(bot.Twilio.RequestsTo("DELETE", $"/PhoneNumbers/{number.ProviderReference}"));
    }

    [Fact]
    public async Task A_connected_number_on_a_trunk_the_customer_set_up_is_left_on_it()
    {
        await using var bot = await TwilioBot.StartAsync();
        var theirTrunk = bot.Twilio.HasTrunk(TwilioBot.CustomerAccount, "Acme's own PBX");
        bot.Twilio.Holds(TwilioBot.CustomerAccount, "+14155550199", trunkSid: theirTrunk.Sid);
        var number = (await bot.Telephony.FindExistingAsync(TwilioBot.ProjectId, PhoneNumber.ParseE164("+14155550199"), CancellationToken.None))!;

        await bot.Telephony.ReleaseAsync(TwilioBot.ProjectId, number, CancellationToken.None);

        Assert.Equal(theirTrunk.Sid, Assert.Single(bot.Twilio.NumbersOf(TwilioBot.CustomerAccount)).TrunkSid);
        Assert.DoesNotContain(bot.Twilio.Requests, r => r.Method == "DELETE");
    }
}
