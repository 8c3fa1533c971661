using NumbersBot.Domain;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Tests.Telephony;

public class TwilioConnectingTests
{
    private static Task<NumberConnected> ConnectAsync(TwilioBot bot, string e164, AgentEnvironment environment = AgentEnvironment.Sandbox) =>
        bot.Get<ConnectNumberHandler>().HandleAsync(
            new ConnectNumber(TwilioBot.Alice, TwilioBot.ProjectId, environment, e164, null), CancellationToken.None);

    [Fact]
    public async Task A_number_in_the_customers_account_is_connected_with_source_Twilio_and_routed_through_their_trunk()
    {
        await using var bot = await TwilioBot.StartAsync();
        var theirs = bot.Twilio.Holds(TwilioBot.CustomerAccount, "+14155550199");

        var connected = await ConnectAsync(bot, "+14155550199");

        Assert.Null(connected.Warning);
        Assert.Equal(NumberSource.Twilio, connected.Number.Source);
        Assert.Equal(theirs.Sid, connected.Number.ProviderReference);
        var trunk = Assert.Single(bot.Twilio.TrunksOf(TwilioBot.CustomerAccount));
        Assert.Equal(trunk.Sid, Assert.Single(bot.Twilio.NumbersOf(TwilioBot.CustomerAccount)).TrunkSid);
        Assert.Empty(bot.Twilio.TrunksOf(TwilioBot.PoolAccount));
    }

    [Fact]
    public async Task A_number_not_in_the_customers_own_account_is_refused_even_if_the_platform_holds_it()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Holds(TwilioBot.CustomerAccount, "+14155550199");
        bot.Twilio.Holds(TwilioBot.PoolAccount, "+12125550177");

        var refusal = await Assert.ThrowsAsync<DomainException>(() => ConnectAsync(bot, "+12125550177"));

        Assert.Equal(RefusalKind.NotFound, refusal.Kind);
        Assert.Contains("does not exist in this project's Twilio account", refusal.Message);
        Assert.Empty(bot.Numbers.All);
    }

    [Fact]
    public async Task A_number_already_connected_is_refused_by_the_domain_without_touching_Twilio_again()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Holds(TwilioBot.CustomerAccount, "+14155550199");
        await ConnectAsync(bot, "+14155550199");
        var before = bot.Twilio.Requests.Count;

        var refusal = await Assert.ThrowsAsync<DomainException>(() => ConnectAsync(bot, "+14155550199", AgentEnvironment.Live));

        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Contains("already imported", refusal.Message);
        Assert.Equal(before, bot.Twilio.Requests.Count);
    }

    [Fact]
    public async Task A_project_without_its_own_Twilio_account_is_told_what_an_operator_must_configure()
    {
        await using var bot = await TwilioBot.StartAsync(new Dictionary<string, string?>
        {
            [$"Twilio:Customers:{TwilioBot.ProjectId}:AccountSid"] = null,
            [$"Twilio:Customers:{TwilioBot.ProjectId}:AuthToken"] = null,
        });

        var refusal = await Assert.ThrowsAsync<DomainException>(() => ConnectAsync(bot, "+14155550199"));

        Assert.Contains($"Twilio:Customers:{TwilioBot.ProjectId}:AccountSid", refusal.Message);
        Assert.Contains("never typed into chat", refusal.Message);
        Assert.Empty(bot.Twilio.Requests);
    }
}
