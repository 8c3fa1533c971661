using System.Text.RegularExpressions;
using Twilio.Rest.Api.V2010.Account;
using CallNotification = Twilio.Rest.Api.V2010.Account.Call.NotificationResource;
using ReadCallNotificationOptions = Twilio.Rest.Api.V2010.Account.Call.ReadNotificationOptions;
using Twilio.Types;
using NumbersBot.Domain;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;
using TwilioNumber = Twilio.Types.PhoneNumber;

namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>
/// Test calls in the platform's account, from Twilio:TestCaller: TwiML that pauses a few seconds and hangs up, a ring
/// timeout, a time limit. How it ended is the call's status (twilio_api_v2010.json, Calls/{Sid}); why it failed is in its
/// Notifications, or in those of the leg Twilio sent down the number's SIP trunk (error 32011 and the SIP response), which
/// for a connected number is logged in the customer's account, where the number and its trunk are.
/// </summary>
public sealed partial class TwilioTestCalls(TwilioClients clients, TwilioCaller twilio, TwilioSettings settings, ILogger<TwilioTestCalls> logger)
    : ITestCalls
{
    public const int RingSeconds = 20;
    public const int PauseSeconds = 4;
    public const int LimitSeconds = 30;

    public async Task<string> PlaceAsync(ProvisionedNumber number, CancellationToken ct)
    {
        if (number.Simulated)
            throw new DomainException(RefusalKind.Invalid, $"{number.Number.Display} is a simulated number that no one can call, so no test call was placed.");
        var caller = settings.TestCaller ?? throw new DomainException(RefusalKind.ProviderFailed,
            "Test calls need a number to call from: a telephony admin must set Twilio:TestCaller to one of the platform's pool numbers, in E.164.");
        var options = new CreateCallOptions(new TwilioNumber(number.Number.E164), new TwilioNumber(caller))
        {
            Twiml = new Twiml($"<Response><Pause length=\"{PauseSeconds}\"/><Hangup/></Response>"),
            Timeout = RingSeconds,
            TimeLimit = LimitSeconds,
        };
        // Never repeated: a second create would ring the number twice. A lost answer is reported as such, not retried.
        var call = await twilio.OnceAsync(clients.Pool, $"place a test call to {number.Number.Display}",
            client => CallResource.CreateAsync(options, client), ct, unknownUnlessRefused: true);
        logger.LogInformation("Test call {Sid} from {Caller} to {Number}", call.Sid, caller, number.Number.E164);
        return call.Sid;
    }

    public async Task<TestCallOutcome?> OutcomeAsync(string projectId, ProvisionedNumber number, string reference, CancellationToken ct)
    {
        var pool = clients.Pool;
        var call = (await twilio.RepeatableAsync(pool, "look up a test call", client => CallResource.FetchAsync(new FetchCallOptions(reference), client), ct))!;
        var status = call.Status?.ToString();
        switch (status)
        {
            case "completed":
                return new TestCallOutcome(TestCallStatus.Answered, RingTime(call));
            case "busy" or "no-answer" or "failed" or "canceled":
                var (code, message, sip) = await WhyAsync(call, projectId, number, ct);
                return status switch
                {
                    "busy" => new TestCallOutcome(TestCallStatus.Busy, ProviderCode: code, ProviderMessage: message, SipCode: sip),
                    "no-answer" => new TestCallOutcome(TestCallStatus.NoAnswer, ProviderCode: code, ProviderMessage: message, SipCode: sip),
                    _ => new TestCallOutcome(TestCallStatus.Failed, ProviderCode: code, ProviderMessage: message, SipCode: sip),
                };
            default:
                return null; // queued, ringing, in-progress
        }
    }

    /// <summary>How long it rang: from dialling to hanging up, less the time it was answered (Twilio's duration).</summary>
    private static TimeSpan? RingTime(CallResource call) =>
        call is { StartTime: { } start, EndTime: { } end } && int.TryParse(call.Duration, out var answered)
            ? TimeSpan.FromSeconds(Math.Max(0, (end - start).TotalSeconds - answered))
            : null;

    /// <summary>The first error Twilio noted on the call, else on the leg it sent to the number's SIP trunk for this call.</summary>
    private async Task<(string? Code, string? Message, int? Sip)> WhyAsync(CallResource call, string projectId, ProvisionedNumber number, CancellationToken ct)
    {
        var notes = await NotificationsAsync(clients.Pool, call.Sid, ct);
        if (notes.Count == 0 && settings.TestCaller is { } caller)
        {
            var numberAccount = number.Source == NumberSource.Twilio ? clients.Customer(projectId) : clients.Pool;
            var legs = await twilio.RepeatableAsync(numberAccount, "look up the test call's leg to the SIP trunk", client => CallResource.ReadAsync(new ReadCallOptions
            {
                To = new TwilioNumber(number.Number.E164),
                From = new TwilioNumber(caller),
                StartTimeAfter = call.DateCreated?.Date,
                PageSize = 5,
                Limit = 5,
            }, client), ct);
            // Earlier test calls to the number left legs too (the filter is by date): only one that began with this call is its own.
            foreach (var leg in legs!.Where(l => l.Sid != call.Sid && l.StartTime >= call.DateCreated).OrderBy(l => l.StartTime))
            {
                notes = await NotificationsAsync(numberAccount, leg.Sid, ct);
                if (notes.Count > 0) break;
            }
        }
        var first = notes.OrderBy(n => n.Log == "0" ? 0 : 1).FirstOrDefault();
        if (first is null) return (null, null, null);
        var text = Uri.UnescapeDataString(first.MessageText ?? "").Replace('+', ' ').Trim();
        if (text.Length > 300) text = text[..300] + "…";
        var sip = SipCode().Match(text) is { Success: true } found ? int.Parse(found.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        return (first.ErrorCode, text.Length == 0 ? null : text, sip);
    }

    private async Task<IReadOnlyList<CallNotification>> NotificationsAsync(TwilioAccount account, string callSid, CancellationToken ct) =>
        (await twilio.RepeatableAsync(account, "read a test call's notifications",
            client => CallNotification.ReadAsync(new ReadCallNotificationOptions(callSid) { PageSize = 20, Limit = 20 }, client), ct))!.ToList();

    [GeneratedRegex(@"sip\D{0,30}?(?<code>[3-6]\d\d)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SipCode();
}
