using Microsoft.Extensions.Logging;
using NumbersBot.Domain;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Telephony;

/// <summary>
/// A refused Twilio call leaves one Warning line an operator can take to Twilio support (operation, number, code,
/// HTTP status, request id), and a refused attempt by a person is in the audit trail without the request id.
/// </summary>
public class ProviderFailureLogTests
{
    [Fact]
    public async Task A_refused_buy_is_logged_at_Warning_with_code_and_request_id_and_audited()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Offer("US", "Local", "+14155550142");
        bot.Twilio.FailNext("POST", "/IncomingPhoneNumbers.json", 21631, 400);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => bot.AddAsync(Country.US, "415"));

        var requestId = Assert.Single(bot.Twilio.FailedRequestIds);
        var line = AssertOneWarning(bot, "buy +1 415-555-0142", "Twilio error 21631", "HTTP 400", requestId);
        Assert.Contains("the platform's Twilio account", line);
        var audited = Assert.Single(bot.Audit.Entries, e => e.Action == AuditActions.NumberAddFailed);
        Assert.Equal(TwilioBot.Alice.User.Key, audited.ActorKey);
        Assert.Contains(refusal.Message, audited.After);
        Assert.Contains("Twilio 21631 (HTTP 400)", audited.After);
        Assert.DoesNotContain(requestId, audited.After);
        Assert.DoesNotContain(requestId, refusal.Message);
    }

    [Fact]
    public async Task A_refused_connect_is_logged_at_Warning_with_code_and_request_id_and_audited()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.FailNext("GET", "/IncomingPhoneNumbers.json", 20003, 401);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => bot.Get<ConnectNumberHandler>().HandleAsync(
            new ConnectNumber(TwilioBot.Alice, TwilioBot.ProjectId, AgentEnvironment.Sandbox, "+14155550199", null), CancellationToken.None));

        var requestId = Assert.Single(bot.Twilio.FailedRequestIds);
        AssertOneWarning(bot, "look up +1 415-555-0199", "Twilio error 20003", "HTTP 401", requestId);
        var audited = Assert.Single(bot.Audit.Entries, e => e.Action == AuditActions.NumberConnectFailed);
        Assert.Equal("+14155550199", audited.Number);
        Assert.Contains(refusal.Message, audited.After);
        Assert.Contains("Twilio 20003 (HTTP 401)", audited.After);
        Assert.DoesNotContain(requestId, audited.After);
    }

    [Fact]
    public async Task A_refused_release_is_logged_at_Warning_with_code_and_request_id_and_audited()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Offer("US", "Local", "+14155550142");
        var added = await bot.AddAsync(Country.US);
        bot.Twilio.FailNext("DELETE", "/IncomingPhoneNumbers/", 20500, 500);

        var steps = bot.Get<TelephonySteps>();
        await Assert.ThrowsAsync<DomainException>(() => steps.RemoveAsync(TwilioBot.Alice, added.Number, "deleted", CancellationToken.None));

        var requestId = Assert.Single(bot.Twilio.FailedRequestIds);
        AssertOneWarning(bot, "release +1 415-555-0142", "Twilio error 20500", "HTTP 500", requestId);
        var audited = Assert.Single(bot.Audit.Entries, e => e.Action == TelephonyAudit.RemovalFailed);
        Assert.Equal("+14155550142", audited.Number);
        Assert.DoesNotContain(requestId, audited.After ?? "");
    }

    [Fact]
    public async Task A_refused_route_is_logged_at_Warning_with_code_and_request_id()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Offer("US", "Local", "+14155550142");
        bot.Twilio.FailNext("POST", "/Trunks", 20500, 500);

        var added = await bot.AddAsync(Country.US);

        Assert.NotNull(added.Warning);
        var requestId = Assert.Single(bot.Twilio.FailedRequestIds);
        AssertOneWarning(bot, "create a SIP trunk", "Twilio error 20500", "HTTP 500", requestId);
    }

    private static string AssertOneWarning(TwilioBot bot, params string[] parts)
    {
        Assert.DoesNotContain(bot.Logs.Entries, e => e.Level >= LogLevel.Error);
        var failures = bot.Logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.StartsWith("Twilio call failed", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(failures).Message;
        foreach (var part in parts) Assert.Contains(part, line);
        return line;
    }
}
