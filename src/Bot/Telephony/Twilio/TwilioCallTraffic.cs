using System.Globalization;
using System.Runtime.CompilerServices;
using Twilio.Rest.Api.V2010.Account;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;
using TwilioDomain = Twilio.Rest.Domain;

namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>
/// Calls to a number from Twilio's call log (ListCall filtered by To and StartTime&gt;, read page by page): a pool
/// number's in the platform's account, a connected number's in the customer's own. NumbersBot's own test calls (from
/// Twilio:TestCaller) are left out: a test call just placed must not read as a caller still dialling the number.
/// </summary>
public sealed class TwilioCallTraffic(TwilioClients clients, TwilioPages pages, TwilioSettings settings) : ICallTraffic
{
    /// <summary>
    /// Calls that came in from the phone network: "inbound" for a number with a voice URL, "trunking-originating" for a
    /// number on an Elastic SIP trunk (how NumbersBot routes its numbers); outbound calls are the number calling out.
    /// </summary>
    public static readonly IReadOnlySet<string> Incoming = new HashSet<string>(["inbound", "trunking-originating"], StringComparer.Ordinal);

    public async Task<IReadOnlyList<DateTimeOffset>> InboundCallsAsync(
        string projectId, PhoneNumber number, NumberSource source, DateTimeOffset since, CancellationToken ct)
    {
        var account = source == NumberSource.Twilio ? clients.Customer(projectId) : clients.Pool;
        // StartTime> takes a UTC date (the request reads "StartTime>=YYYY-MM-DD"); the part of that day before `since` is dropped here.
        var calls = await pages.ReadAllAsync<CallResource>(account, $"read the recent calls to {number.Display}", TwilioDomain.Api,
            $"/2010-04-01/Accounts/{account.AccountSid}/Calls.json", "calls", TwilioPages.LargestPage, new StrongBox<int>(), ct,
            [new("To", number.E164), new("StartTime>", since.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]);
        return calls
            .Where(c => c.Direction is { } direction && Incoming.Contains(direction) && c.StartTime is not null && c.From != settings.TestCaller)
            .Select(c => Utc(c.StartTime!.Value))
            .Where(start => start >= since)
            .ToList();
    }

    // The SDK parses Twilio's RFC 2822 times with their +0000 offset, which may come back as the machine's local time.
    private static DateTimeOffset Utc(DateTime time) =>
        new(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
