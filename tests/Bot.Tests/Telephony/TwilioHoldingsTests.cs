using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Telephony;

public class TwilioHoldingsTests
{
    private static Task<Holdings> ListAsync(TwilioBot bot, HoldingsAccount? account = null) =>
        bot.Get<IProviderHoldings>().ListAsync(account ?? HoldingsAccount.Pool, [TwilioBot.ProjectId], CancellationToken.None);

    [Fact]
    public async Task The_accounts_numbers_are_read_a_page_at_a_time_not_one_call_per_number()
    {
        await using var bot = await TwilioBot.StartAsync(new Dictionary<string, string?> { ["Twilio:Reconcile:Drift:PageSize"] = "2" });
        for (var i = 0; i < 5; i++) bot.Twilio.Holds(TwilioBot.PoolAccount, $"+1415555010{i}");

        var holdings = await ListAsync(bot);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"+1415555010{i}"), holdings.Numbers.Select(n => n.E164).Order());
        var pages = bot.Twilio.RequestsTo("GET", "/IncomingPhoneNumbers.json");
        Assert.Equal(3, pages.Count);
        Assert.All(pages, p => Assert.Equal("2", p.Query["PageSize"]));
        Assert.Equal(["0", "1", "2"], pages.Select(p => p.Query.GetValueOrDefault("Page", "0")));
        Assert.DoesNotContain(bot.Twilio.Requests, r => r.Path.Contains("/IncomingPhoneNumbers/PN", StringComparison.Ordinal));
        Assert.Equal(bot.Twilio.Requests.Count, holdings.Calls);
    }

    [Fact]
    public async Task Pages_are_as_large_as_Twilio_allows_by_default()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Holds(TwilioBot.PoolAccount, "+14155550100");

        await ListAsync(bot);

        Assert.All(bot.Twilio.RequestsTo("GET", ""), r => Assert.Equal("1000", r.Query["PageSize"]));
    }

    [Fact]
    public async Task Each_number_shows_its_trunk_and_NumbersBots_tag_and_each_of_our_trunks_the_addresses_it_follows()
    {
        await using var bot = await TwilioBot.StartAsync();
        var sip = TwilioBot.Sip[AgentEnvironment.Live];
        var ours = bot.Twilio.HasTrunk(TwilioBot.PoolAccount, TwilioTags.Trunk(TwilioBot.ProjectId, AgentEnvironment.Live));
        ours.OriginationUrls.Add(new FakeOriginationUrl("OU1") { SipUrl = sip.Main, Priority = 10, Weight = 10, Enabled = true });
        ours.OriginationUrls.Add(new FakeOriginationUrl("OU2") { SipUrl = sip.Fallback, Priority = 20, Weight = 10, Enabled = true });
        var theirs = bot.Twilio.HasTrunk(TwilioBot.PoolAccount, "Hand-made trunk");
        var tagged = bot.Twilio.Holds(TwilioBot.PoolAccount, "+14155550100", ours.Sid, TwilioTags.Purchase("card-1"));
        var untagged = bot.Twilio.Holds(TwilioBot.PoolAccount, "+14155550101", theirs.Sid, "Reception line");

        var holdings = await ListAsync(bot);

        Assert.Contains(new HeldNumber(tagged.E164, tagged.Sid, TwilioTags.Purchase("card-1"), ours.Sid), holdings.Numbers);
        Assert.Contains(new HeldNumber(untagged.E164, untagged.Sid, null, theirs.Sid), holdings.Numbers);
        Assert.Contains(new HeldRoute(ours.Sid, TwilioBot.ProjectId, AgentEnvironment.Live, sip), holdings.Routes);
        Assert.Contains(new HeldRoute(theirs.Sid, null, null, null), holdings.Routes);
        Assert.Empty(bot.Twilio.RequestsTo("GET", $"/v1/Trunks/{theirs.Sid}"));
    }

    [Fact]
    public async Task A_trunk_whose_addresses_are_not_as_routing_sets_them_follows_no_environment()
    {
        await using var bot = await TwilioBot.StartAsync();
        var trunk = bot.Twilio.HasTrunk(TwilioBot.PoolAccount, TwilioTags.Trunk(TwilioBot.ProjectId, AgentEnvironment.Sandbox));
        trunk.OriginationUrls.Add(new FakeOriginationUrl("OU1") { SipUrl = "sip:old@acme.voice.example.com", Priority = 10, Weight = 10, Enabled = false });

        var holdings = await ListAsync(bot);

        Assert.Null(Assert.Single(holdings.Routes).Follows);
    }

    [Fact]
    public async Task A_customers_account_is_read_with_its_own_credentials()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Holds(TwilioBot.CustomerAccount, "+14155550199");
        bot.Twilio.Holds(TwilioBot.PoolAccount, "+14155550100");

        var holdings = await ListAsync(bot, HoldingsAccount.CustomerOf(TwilioBot.ProjectId));

        Assert.Equal("+14155550199", Assert.Single(holdings.Numbers).E164);
    }

    [Fact]
    public async Task A_refused_list_is_reported_with_Twilios_code_and_nothing_partial_is_returned()
    {
        await using var bot = await TwilioBot.StartAsync(new Dictionary<string, string?> { ["Twilio:Reconcile:Drift:PageSize"] = "1" });
        bot.Twilio.Holds(TwilioBot.PoolAccount, "+14155550100");
        bot.Twilio.Holds(TwilioBot.PoolAccount, "+14155550101");
        bot.Twilio.FailNext("GET", "/v1/Trunks", 20003, 401);

        var failure = await Assert.ThrowsAsync<NumbersBot.Domain.DomainException>(() => ListAsync(bot));

        Assert.Equal("Twilio 20003 (HTTP 401)", failure.ProviderCode);
    }

    [Fact]
    public async Task Too_many_requests_is_waited_out_and_the_page_read_again()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Holds(TwilioBot.PoolAccount, "+14155550100");
        bot.Twilio.FailNext("GET", "/IncomingPhoneNumbers.json", 20429, 429);

        var holdings = await ListAsync(bot);

        Assert.Single(holdings.Numbers);
        Assert.Equal(2, bot.Twilio.RequestsTo("GET", "/IncomingPhoneNumbers.json").Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("many")]
    public void A_page_size_Twilio_would_refuse_stops_start_up(string pageSize)
    {
        var configuration = TwilioBot.Configuration(new Uri("http://127.0.0.1:1/"), new Dictionary<string, string?> { ["Twilio:Reconcile:Drift:PageSize"] = pageSize });

        var problem = Assert.Throws<ConfigurationProblem>(() => TwilioDriftSettings.From(configuration));

        Assert.Contains("Twilio:Reconcile:Drift:PageSize", problem.Message);
    }
}
