using Microsoft.Extensions.Logging;
using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Telephony;

/// <summary>
/// The drift check's list calls fail as loudly as a person's: one Warning line with what was being read, Twilio's code,
/// the HTTP status and the request id to quote to Twilio support.
/// </summary>
public class DriftFailureLogTests
{
    [Theory]
    [InlineData("/IncomingPhoneNumbers.json", "list the numbers of the platform's Twilio account")]
    [InlineData("/v1/Trunks", "list the SIP trunks of the platform's Twilio account")]
    [InlineData("/OriginationUrls", "read the SIP addresses of trunk")]
    public async Task A_refused_list_call_is_logged_at_Warning_with_code_and_request_id(string path, string operation)
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.HasTrunk(TwilioBot.PoolAccount, TwilioTags.Trunk(TwilioBot.ProjectId, AgentEnvironment.Live));
        bot.Twilio.FailNext("GET", path, 20003, 401);

        await Assert.ThrowsAsync<DomainException>(() =>
            bot.Get<IProviderHoldings>().ListAsync(HoldingsAccount.Pool, [TwilioBot.ProjectId], CancellationToken.None));

        var requestId = Assert.Single(bot.Twilio.FailedRequestIds);
        var line = Assert.Single(bot.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Twilio call failed", StringComparison.Ordinal)).Message;
        foreach (var part in new[] { operation, "Twilio error 20003", "HTTP 401", $"request id {requestId}" }) Assert.Contains(part, line);
    }
}
