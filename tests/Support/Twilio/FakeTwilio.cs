using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NumbersBot.Tests.Support.Hosting;

namespace NumbersBot.Tests.Support.Twilio;

/// <summary>
/// Twilio's REST API as far as NumbersBot uses it, on loopback: accounts and API keys, numbers on offer, bought
/// numbers, SIP trunks with origination URLs. Answers with Twilio's JSON and error shapes, records every request,
/// and can be told to fail or stall the next matching call.
/// </summary>
public sealed partial class FakeTwilio : LoopbackServer
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (string Secret, string AccountSid)> _credentials = [];
    private readonly List<NumberOnOffer> _offers = [];
    private readonly List<FakeNumber> _numbers = [];
    private readonly List<FakeTrunk> _trunks = [];
    private readonly List<FakeCall> _calls = [];
    private readonly List<string> _invalid = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<Fault> _faults = [];

    public static async Task<FakeTwilio> StartAsync()
    {
        var fake = new FakeTwilio();
        await fake.ListenAsync(app => app.Run(fake.HandleAsync));
        return fake;
    }

    public void Account(string accountSid, string authToken) => Locked(() => _credentials[accountSid] = (authToken, accountSid));

    public void ApiKey(string keySid, string secret, string accountSid) => Locked(() => _credentials[keySid] = (secret, accountSid));

    /// <summary>Puts a number on sale. <paramref name="type"/> is Local, Mobile or TollFree.</summary>
    public void Offer(string country, string type, string e164, bool voice = true, string addressRequirements = "none") =>
        Locked(() => _offers.Add(new NumberOnOffer(country, type, e164, voice, addressRequirements)));

    /// <summary>A number an account already holds, as a customer's account would.</summary>
    public FakeNumber Holds(string accountSid, string e164, string? trunkSid = null, string? friendlyName = null) => Locked(() =>
    {
        var number = new FakeNumber(NewSid("PN"), accountSid, e164) { FriendlyName = friendlyName ?? e164, TrunkSid = trunkSid };
        _numbers.Add(number);
        return number;
    });

    /// <summary>A call in the account's call log. Inbound calls to a number on a SIP trunk are "trunking-originating".</summary>
    public FakeCall Called(string accountSid, string to, DateTimeOffset startTime, string direction = "inbound", string from = "+15005550006") =>
        Locked(() =>
        {
            var call = new FakeCall(NewSid("CA"), accountSid, to, from, direction, startTime);
            _calls.Add(call);
            return call;
        });

    /// <summary>Every request Twilio's OpenAPI description does not allow (the fake answered it 400), with what was wrong.</summary>
    public IReadOnlyList<string> InvalidRequests => Locked(() => _invalid.ToList());

    /// <summary>Fails unless every request this fake received was valid under Twilio's OpenAPI description.</summary>
    public void AssertEveryRequestWasValid()
    {
        if (InvalidRequests is { Count: > 0 } invalid)
            throw new InvalidOperationException($"Requests Twilio's OpenAPI description does not allow:\n  {string.Join("\n  ", invalid)}");
    }

    /// <summary>A trunk someone set up by hand in the Twilio console.</summary>
    public FakeTrunk HasTrunk(string accountSid, string friendlyName, string? sid = null) => Locked(() =>
    {
        var trunk = new FakeTrunk(sid ?? NewSid("TK"), accountSid) { FriendlyName = friendlyName };
        _trunks.Add(trunk);
        return trunk;
    });

    /// <summary>The number leaves its account, as a release in the Twilio console (or a port-out) does.</summary>
    public void Forget(string numberSid) => Locked(() => _numbers.RemoveAll(n => n.Sid == numberSid));

    public IReadOnlyList<FakeNumber> NumbersOf(string accountSid) =>
        Locked(() => _numbers.Where(n => n.AccountSid == accountSid).Select(n => n with { }).ToList());

    public IReadOnlyList<FakeTrunk> TrunksOf(string accountSid) =>
        Locked(() => _trunks.Where(t => t.AccountSid == accountSid).Select(t => t.Copy()).ToList());

    public IReadOnlyList<RecordedRequest> Requests => Locked(() => _requests.ToList());

    /// <summary>Requests with this method whose path contains <paramref name="pathPart"/>.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string pathPart) =>
        Requests.Where(r => r.Method == method && r.Path.Contains(pathPart, StringComparison.Ordinal)).ToList();

    /// <summary>The next <paramref name="times"/> matching calls answer with this Twilio error and do nothing.</summary>
    public void FailNext(string method, string pathPart, int code, int status, int times = 1) =>
        Locked(() => _faults.Add(new Fault(method, pathPart, times) { Code = code, Status = status }));

    /// <summary>The next matching call does its work, then waits this long before answering: the answer can be lost.</summary>
    /// <param name="doTheWork">False: it waits without doing anything, as a request lost on its way would.</param>
    public void StallNext(string method, string pathPart, TimeSpan delay, bool doTheWork = true) =>
        Locked(() => _faults.Add(new Fault(method, pathPart, 1) { Stall = delay, Skip = !doTheWork }));

    /// <summary>
    /// The next matching call is held unanswered until the client goes away (its process dies); the task completes when
    /// it has arrived. <paramref name="doTheWork"/>: Twilio acted first, so only the answer is lost.
    /// </summary>
    public Task HoldNext(string method, string pathPart, bool doTheWork = true)
    {
        var fault = new Fault(method, pathPart, 1) { Stall = Timeout.InfiniteTimeSpan, Skip = !doTheWork };
        Locked(() => _faults.Add(fault));
        return fault.Arrived.Task;
    }

    /// <summary>
    /// The next matching call waits, not yet done, until <see cref="PausedCall.Go"/>; then it is done and answered as usual. Other
    /// calls are answered meanwhile: another request's work lands while this one is on its way.
    /// </summary>
    public PausedCall PauseNext(string method, string pathPart)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fault = new Fault(method, pathPart, 1) { Paused = go };
        Locked(() => _faults.Add(fault));
        return new PausedCall(fault.Arrived.Task, () => go.TrySetResult());
    }

    /// <summary>While the next matching call is answered, <paramref name="meanwhile"/> runs: what happened elsewhere in the meantime.</summary>
    public void MeanwhileNext(string method, string pathPart, Action meanwhile) =>
        Locked(() => _faults.Add(new Fault(method, pathPart, 1) { Meanwhile = meanwhile }));

    /// <summary>The next matching call does its work and then answers with this error, as Twilio's 5xx after a commit would.</summary>
    public void FailNextAfterDoing(string method, string pathPart, int code, int status) =>
        Locked(() => _faults.Add(new Fault(method, pathPart, 1) { Code = code, Status = status, AfterWork = true }));

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var form = request.HasFormContentType
            ? (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
            : [];
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        var path = request.Path.Value ?? "";
        Locked(() => _requests.Add(new RecordedRequest(request.Method, path, query, form)));

        // Checked first, as Twilio validates before it acts: an invalid request changes nothing.
        if (TwilioOpenApi.Problem(request.Method, path, query, form) is { } invalid)
        {
            Locked(() => _invalid.Add($"{request.Method} {path}{request.QueryString}: {invalid}"));
            http.Response.StatusCode = 400;
            await http.Response.WriteAsJsonAsync(Error(400, 20001, invalid).Body);
            return;
        }

        var accountSid = Authenticate(request.Headers.Authorization.ToString());
        var fault = Locked(() => TakeFault(request.Method, path));
        if (fault?.Paused is { } paused)
        {
            fault.Arrived.TrySetResult();
            try
            {
                await paused.Task.WaitAsync(http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client went away before the call was let go
            }
        }
        fault?.Meanwhile?.Invoke();
        Answer answer;
        if (accountSid is null) answer = Error(401, 20003, "Authenticate");
        else if (fault is { Code: { } code })
        {
            if (fault.AfterWork) Locked(() => Dispatch(accountSid, request.Method, path, query, form));
            answer = Error(fault.Status, code, $"Injected error {code}");
        }
        else if (fault is { Skip: true }) answer = Error(500, 20500, "never answered");
        else answer = Locked(() => Dispatch(accountSid, request.Method, path, query, form));

        if (fault?.Stall is { } stall)
        {
            fault.Arrived.TrySetResult();
            try
            {
                await Task.Delay(stall, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up waiting, as it was meant to
            }
        }

        // As Twilio does: every answer names its request, which support asks for.
        var requestId = NewSid("RQ");
        http.Response.Headers["Twilio-Request-Id"] = requestId;
        if (answer.Status >= 400) Locked(() => _failedRequestIds.Add(requestId));
        http.Response.StatusCode = answer.Status;
        if (answer.Body is null) return;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(JsonSerializer.Serialize(answer.Body));
    }

    private string? Authenticate(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return null;
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
        return Locked(() => _credentials.TryGetValue(pair[0], out var known) && pair.Length == 2 && known.Secret == pair[1] ? known.AccountSid : null);
    }

    private Fault? TakeFault(string method, string path)
    {
        var fault = _faults.FirstOrDefault(f => f.Method == method && path.Contains(f.PathPart, StringComparison.Ordinal));
        if (fault is null) return null;
        if (--fault.Times == 0) _faults.Remove(fault);
        return fault;
    }

    /// <summary>The Twilio-Request-Id of every error answered, oldest first.</summary>
    public IReadOnlyList<string> FailedRequestIds => Locked(() => _failedRequestIds.ToList());

    private readonly List<string> _failedRequestIds = [];

    private static Answer Error(int status, int code, string message) =>
        new(status, new { code, message, more_info = $"https://www.twilio.com/docs/errors/{code}", status });

    private static string NewSid(string prefix) => prefix + Guid.NewGuid().ToString("N");

    private T Locked<T>(Func<T> read)
    {
        lock (_gate) return read();
    }

    private void Locked(Action change)
    {
        lock (_gate) change();
    }

    private sealed record Answer(int Status, object? Body);

    private sealed record NumberOnOffer(string Country, string Type, string E164, bool Voice, string AddressRequirements);

    private sealed class Fault(string method, string pathPart, int times)
    {
        public string Method { get; } = method;
        public string PathPart { get; } = pathPart;
        public int Times { get; set; } = times;
        public int? Code { get; init; }
        public int Status { get; init; }
        public TimeSpan? Stall { get; init; }
        public bool Skip { get; init; }
        public bool AfterWork { get; init; }
        public Action? Meanwhile { get; init; }
        public TaskCompletionSource? Paused { get; init; }
        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>A call <see cref="FakeTwilio.PauseNext"/> holds: <see cref="Arrived"/> completes when it comes, <see cref="Go"/> lets it on.</summary>
public sealed class PausedCall(Task arrived, Action go)
{
    public Task Arrived { get; } = arrived;

    public void Go() => go();
}

public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Form);

public sealed record FakeNumber(string Sid, string AccountSid, string E164)
{
    public string FriendlyName { get; set; } = E164;
    public string? TrunkSid { get; set; }
    public string? BundleSid { get; set; }
    public string? AddressSid { get; set; }
    public bool Voice { get; set; } = true;
}

/// <summary>A call in the fake's log: one a test put there (answered, 42 s), one the bot placed, or the leg Twilio sent down a SIP trunk.</summary>
public sealed record FakeCall(string Sid, string AccountSid, string To, string From, string Direction, DateTimeOffset StartTime)
{
    public string Status { get; set; } = "completed";
    public DateTimeOffset? End { get; set; }
    public int? Duration { get; set; } = 42;
    public List<(string Code, string Text)> Notifications { get; init; } = [];
}

public sealed class FakeTrunk(string sid, string accountSid)
{
    public string Sid { get; } = sid;
    public string AccountSid { get; } = accountSid;
    public string FriendlyName { get; set; } = "";
    public List<FakeOriginationUrl> OriginationUrls { get; private init; } = [];

    public FakeTrunk Copy() => new(Sid, AccountSid) { FriendlyName = FriendlyName, OriginationUrls = OriginationUrls.Select(o => o with { }).ToList() };
}

public sealed record FakeOriginationUrl(string Sid)
{
    public string SipUrl { get; set; } = "";
    public int Priority { get; set; }
    public int Weight { get; set; }
    public bool Enabled { get; set; }
    public string FriendlyName { get; set; } = "";
}
