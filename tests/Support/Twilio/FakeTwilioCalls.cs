using System.Globalization;
using System.Text.RegularExpressions;

namespace NumbersBot.Tests.Support.Twilio;

/// <summary>How a call placed to a number ends at the fake, as a test sets it.</summary>
public abstract record FakeCallOutcome
{
    /// <summary>Answered after ringing <paramref name="RingSeconds"/>, hung up <paramref name="TalkSeconds"/> later.</summary>
    public sealed record Answered(int RingSeconds, int TalkSeconds = 4) : FakeCallOutcome;

    public sealed record Busy : FakeCallOutcome;

    public sealed record NoAnswer : FakeCallOutcome;

    /// <summary>Failed; Twilio notes <paramref name="ErrorCode"/> on the leg it sent down the number's SIP trunk.</summary>
    public sealed record Failed(string ErrorCode, string MessageText) : FakeCallOutcome;
}

/// <summary>Calls (twilio_api_v2010.json) as a test call uses them: create, fetch, and a call's Notifications (the list is in FakeTwilioApi).</summary>
public sealed partial class FakeTwilio
{
    private readonly Dictionary<string, FakeCallOutcome> _callOutcomes = [];
    private readonly Dictionary<string, int> _ringingFetches = [];

    [GeneratedRegex(@"^Calls/(?<sid>CA\w+)(/(?<kind>Notifications))?\.json$")]
    private static partial Regex CallPath();

    /// <summary>Calls placed to <paramref name="e164"/> end like this (answered after 2 s by default).</summary>
    public void CallsTo(string e164, FakeCallOutcome outcome) => Locked(() => _callOutcomes[e164] = outcome);

    /// <summary>The next <paramref name="fetches"/> look-ups of a call to <paramref name="e164"/> find it still ringing.</summary>
    public void StillRinging(string e164, int fetches) => Locked(() => _ringingFetches[e164] = fetches);

    public IReadOnlyList<FakeCall> CallsOf(string accountSid) => Locked(() => _calls.Where(c => c.AccountSid == accountSid).Select(c => c with { }).ToList());

    private Answer? Calls(string accountSid, string method, string rest, Dictionary<string, string> query, Dictionary<string, string> form)
    {
        if (rest == "Calls.json" && method == "POST") return PlaceCall(accountSid, form);
        if (CallPath().Match(rest) is not { Success: true } path || method != "GET") return null;
        var call = _calls.FirstOrDefault(c => c.Sid == path.Groups["sid"].Value && c.AccountSid == accountSid);
        if (call is null) return NotFound($"{Api}{accountSid}/{rest}");
        if (path.Groups["kind"].Success)
            return Page("notifications", $"{Api}{accountSid}/Calls/{call.Sid}/Notifications.json", query, call.Notifications.Select(n => Json(call, n)));
        if (call.Direction == "outbound-api" && _ringingFetches.TryGetValue(call.To, out var left) && left > 0)
        {
            _ringingFetches[call.To] = left - 1;
            return new Answer(200, Json(call with { Status = "ringing", End = null, Duration = null, Notifications = [] }));
        }
        return new Answer(200, Json(call));
    }

    /// <summary>The call ends at once as its number's outcome says; a failure leaves its notification on the trunk leg.</summary>
    private Answer PlaceCall(string accountSid, Dictionary<string, string> form)
    {
        if (new[] { "To", "From" }.FirstOrDefault(k => !form.ContainsKey(k)) is { } missing)
            return Error(400, 21201, $"Missing required parameter {missing} in the post body");
        var now = DateTimeOffset.UtcNow;
        var call = new FakeCall(NewSid("CA"), accountSid, form["To"], form["From"], "outbound-api", now) { Status = "queued", Duration = null };
        // Twilio logs the leg down the trunk in the account that holds the number (a connected number's is the customer's).
        var numberAccount = _numbers.FirstOrDefault(n => n.E164 == form["To"])?.AccountSid ?? accountSid;
        var leg = new FakeCall(NewSid("CA"), numberAccount, form["To"], form["From"], "trunking-originating", now) { Status = "queued", Duration = null };
        switch (_callOutcomes.GetValueOrDefault(call.To) ?? new FakeCallOutcome.Answered(2))
        {
            case FakeCallOutcome.Answered answered:
                call.Status = leg.Status = "completed";
                call.End = leg.End = now.AddSeconds(answered.RingSeconds + answered.TalkSeconds);
                call.Duration = leg.Duration = answered.TalkSeconds;
                break;
            case FakeCallOutcome.Busy:
                call.Status = leg.Status = "busy";
                break;
            case FakeCallOutcome.NoAnswer:
                call.Status = leg.Status = "no-answer";
                break;
            case FakeCallOutcome.Failed failed:
                call.Status = leg.Status = "failed";
                leg.Notifications.Add((failed.ErrorCode, failed.MessageText));
                break;
        }
        _calls.Add(call);
        _calls.Add(leg);
        return new Answer(201, Json(call with { Status = "queued", End = null, Duration = null, Notifications = [] }));
    }

    private static string? Rfc2822(DateTimeOffset? at) => at?.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    internal static object Json(FakeCall c) => new
    {
        sid = c.Sid,
        account_sid = c.AccountSid,
        from = c.From,
        to = c.To,
        status = c.Status,
        direction = c.Direction,
        date_created = Rfc2822(c.StartTime),
        start_time = Rfc2822(c.StartTime),
        end_time = Rfc2822(c.End),
        duration = c.Duration?.ToString(CultureInfo.InvariantCulture),
        parent_call_sid = (string?)null,
        uri = $"{Api}{c.AccountSid}/Calls/{c.Sid}.json",
    };

    private static object Json(FakeCall c, (string Code, string Text) n) => new
    {
        sid = NewSid("NO"),
        account_sid = c.AccountSid,
        call_sid = c.Sid,
        error_code = n.Code,
        log = "0",
        message_text = n.Text,
        more_info = $"https://www.twilio.com/docs/errors/{n.Code}",
        uri = $"{Api}{c.AccountSid}/Calls/{c.Sid}/Notifications/NO0.json",
    };
}
