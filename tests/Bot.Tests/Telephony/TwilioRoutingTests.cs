using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Telephony;

public class TwilioRoutingTests
{
    private static async Task<ProvisionedNumber> BuyAsync(TwilioBot bot, string e164 = "+14155550142")
    {
        bot.Twilio.Offer("US", "Local", e164);
        return await bot.Telephony.BuyAsync(
            new NumberOrder(TwilioBot.ProjectId, Country.US, null, AgentEnvironment.Live, $"card-{e164}"), CancellationToken.None);
    }

    private static Task RouteAsync(TwilioBot bot, ProvisionedNumber number, SipAddresses? sip = null) =>
        bot.Telephony.RouteAsync(TwilioBot.ProjectId, number, AgentEnvironment.Live, sip ?? TwilioBot.Sip[AgentEnvironment.Live], CancellationToken.None);

    [Fact]
    public async Task Routing_creates_the_environments_trunk_with_the_main_address_first_and_the_fallback_after_it()
    {
        await using var bot = await TwilioBot.StartAsync();
        var number = await BuyAsync(bot);

        await RouteAsync(bot, number);

        var trunk = Assert.Single(bot.Twilio.TrunksOf(TwilioBot.PoolAccount));
        Assert.Equal(TwilioTags.Trunk(TwilioBot.ProjectId, AgentEnvironment.Live), trunk.FriendlyName);
        Assert.Equal(
            [("sip:live@acme.voice.example.com", 10, 10, true), ("sip:live-fallback@acme.voice.example.com", 20, 10, true)],
            trunk.OriginationUrls.OrderBy(o => o.Priority).Select(o => (o.SipUrl, o.Priority, o.Weight, o.Enabled)));
        Assert.Equal(trunk.Sid, Assert.Single(bot.Twilio.NumbersOf(TwilioBot.PoolAccount)).TrunkSid);
    }

    [Fact]
    public async Task When_the_SIP_addresses_change_the_same_trunk_follows_on_the_next_routing()
    {
        await using var bot = await TwilioBot.StartAsync();
        var first = await BuyAsync(bot, "+14155550142");
        await RouteAsync(bot, first);
        var second = await BuyAsync(bot, "+14155550143");

        await RouteAsync(bot, second, new SipAddresses("sip:live@eu.acme.voice.example.com", "sip:live@acme.voice.example.com"));

        var trunk = Assert.Single(bot.Twilio.TrunksOf(TwilioBot.PoolAccount));
        Assert.Equal(
            [("sip:live@eu.acme.voice.example.com", 10), ("sip:live@acme.voice.example.com", 20)],
            trunk.OriginationUrls.OrderBy(o => o.Priority).Select(o => (o.SipUrl, o.Priority)));
        Assert.All(bot.Twilio.NumbersOf(TwilioBot.PoolAccount), n => Assert.Equal(trunk.Sid, n.TrunkSid));
        Assert.Single(bot.Twilio.RequestsTo("POST", "/v1/Trunks"), r => r.Path == "/v1/Trunks");
    }

    [Fact]
    public async Task Routing_again_with_unchanged_addresses_changes_nothing()
    {
        await using var bot = await TwilioBot.StartAsync();
        var number = await BuyAsync(bot);
        await RouteAsync(bot, number);
        var before = bot.Twilio.Requests.Count;

        await RouteAsync(bot, number);

        Assert.All(bot.Twilio.Requests.Skip(before), r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task A_trunk_named_in_configuration_is_used_instead_of_creating_one()
    {
        const string configured = "TK00000000000000000000000000000009";
        await using var bot = await TwilioBot.StartAsync(new Dictionary<string, string?> { [$"Twilio:Trunks:{TwilioBot.ProjectId}:Live"] = configured });
        bot.Twilio.HasTrunk(TwilioBot.PoolAccount, "Acme live, set up by hand", configured);
        var number = await BuyAsync(bot);

        await RouteAsync(bot, number);

        var trunk = Assert.Single(bot.Twilio.TrunksOf(TwilioBot.PoolAccount));
        Assert.Equal(configured, trunk.Sid);
        Assert.Equal(2, trunk.OriginationUrls.Count);
        Assert.Equal(configured, Assert.Single(bot.Twilio.NumbersOf(TwilioBot.PoolAccount)).TrunkSid);
    }
}
