using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NumbersBot.Bot.Tests.Hosting;

namespace NumbersBot.Bot.Tests.Channels.Slack;

/// <summary>One request the fake received: a Web API method ("chat.update") or "response_url" with its id.</summary>
public sealed record SlackCall(string Method, string? Authorization, JsonObject Body, DateTimeOffset At);

/// <summary>
/// Slack on loopback: the Web API under /api/&lt;method&gt; (answers as Slack does, records every call, can answer 429
/// with Retry-After or ok=false), and response_url endpoints under /response/&lt;id&gt;.
/// </summary>
public sealed class FakeSlack : LoopbackServer
{
    private readonly object _gate = new();
    private readonly List<SlackCall> _calls = [];
    private readonly Dictionary<string, Queue<int>> _rateLimits = [];
    private readonly Dictionary<string, JsonObject> _answers = [];
    private readonly HashSet<string> _expiredResponseUrls = [];
    private readonly Dictionary<string, int> _responseUrlsUsed = [];
    private int? _responseUrlUses;
    private readonly Dictionary<string, Queue<int>> _failures = [];
    private readonly Dictionary<string, TaskCompletionSource<SlackCall>> _holds = [];
    private readonly List<SlackCall> _held = [];
    private readonly CancellationTokenSource _released = new();

    public Uri ApiBaseUrl => new(BaseUrl, "api/");

    public static async Task<FakeSlack> StartAsync()
    {
        var fake = new FakeSlack();
        await fake.ListenAsync(app =>
        {
            app.MapPost("/api/{method}", fake.ApiAsync);
            app.MapPost("/response/{id}", fake.RespondAsync);
        });
        return fake;
    }

    public string ResponseUrl(string id) => new Uri(BaseUrl, $"response/{id}").ToString();

    /// <summary>Every call the fake answered (a held call is not among them: see <see cref="Held"/>).</summary>
    public IReadOnlyList<SlackCall> Calls
    {
        get
        {
            lock (_gate) return [.. _calls];
        }
    }

    /// <summary>The calls <see cref="HoldNext"/> held and never answered.</summary>
    public IReadOnlyList<SlackCall> Held
    {
        get
        {
            lock (_gate) return [.. _held];
        }
    }

    /// <summary>The next <paramref name="times"/> calls of the method ("chat.postMessage", "response_url:&lt;id&gt;") are answered with this HTTP status.</summary>
    public void FailNext(string method, int status, int times = 1)
    {
        lock (_gate)
        {
            var queue = _failures.TryGetValue(method, out var q) ? q : _failures[method] = new Queue<int>();
            for (var i = 0; i < times; i++) queue.Enqueue(status);
        }
    }

    /// <summary>
    /// The next call of the method is held unanswered until its client goes away (its process dies), and changes nothing;
    /// the task completes when it has arrived.
    /// </summary>
    public Task<SlackCall> HoldNext(string method)
    {
        var arrived = new TaskCompletionSource<SlackCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _holds[method] = arrived;
        return arrived.Task;
    }

    /// <summary>The next <paramref name="times"/> calls of the method are answered 429 with Retry-After.</summary>
    public void RateLimit(string method, int times, int retryAfterSeconds)
    {
        lock (_gate)
        {
            var queue = _rateLimits.TryGetValue(method, out var q) ? q : _rateLimits[method] = new Queue<int>();
            for (var i = 0; i < times; i++) queue.Enqueue(retryAfterSeconds);
        }
    }

    /// <summary>Every call of the method gets this answer, such as {"ok":false,"error":"expired_trigger_id"}.</summary>
    public void Answer(string method, JsonObject answer)
    {
        lock (_gate) _answers[method] = answer;
    }

    /// <summary>The method is answered as usual again.</summary>
    public void StopAnswering(string method)
    {
        lock (_gate) _answers.Remove(method);
    }

    public void Expire(string responseUrlId)
    {
        lock (_gate) _expiredResponseUrls.Add(responseUrlId);
    }

    /// <summary>While true, every Web API call and response_url is answered 503 (and still recorded), as Slack in an outage.</summary>
    public bool Down { get; set; }

    /// <summary>From now on each response_url takes this many messages, as Slack's take 5, then answers used_url.</summary>
    public void LimitResponseUrlUses(int uses)
    {
        lock (_gate) _responseUrlUses = uses;
    }

    public async Task<SlackCall> WaitForAsync(Func<SlackCall, bool> match, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (Calls.FirstOrDefault(match) is { } call) return call;
            await Task.Delay(25);
        }
        throw new TimeoutException($"Slack received no such call; it received: {string.Join(", ", Calls.Select(c => c.Method))}");
    }

    private async Task<IResult> ApiAsync(string method, HttpRequest request)
    {
        var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) as JsonObject ?? [];
        if (await HeldAsync(method, body, request) is { } held) return held;
        lock (_gate)
        {
            _calls.Add(new SlackCall(method, request.Headers.Authorization.ToString(), body, DateTimeOffset.UtcNow));
            if (_failures.TryGetValue(method, out var failures) && failures.TryDequeue(out var status))
                return Results.Json(new JsonObject { ["ok"] = false, ["error"] = "fake_failure" }, statusCode: status);
            if (Down) return Results.Json(new JsonObject { ["ok"] = false, ["error"] = "service_unavailable" }, statusCode: 503);
            if (_rateLimits.TryGetValue(method, out var waits) && waits.TryDequeue(out var seconds))
            {
                request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Json(new JsonObject { ["ok"] = false, ["error"] = "ratelimited" }, statusCode: 429);
            }
            if (_answers.TryGetValue(method, out var answer)) return Results.Json(answer.DeepClone());
        }
        if (request.Headers.Authorization.ToString() != "Bearer xoxb-test")
            return Results.Json(new JsonObject { ["ok"] = false, ["error"] = "invalid_auth" });
        return Results.Json(method switch
        {
            "chat.postMessage" or "chat.update" => new JsonObject
            {
                ["ok"] = true, ["channel"] = body["channel"]?.GetValue<string>() is ['U', ..] ? "D0DIRECT" : body["channel"]?.DeepClone(),
                ["ts"] = body["ts"]?.DeepClone() ?? "1700000000.000100",
            },
            "chat.postEphemeral" => new JsonObject { ["ok"] = true, ["message_ts"] = "1700000000.000200" },
            "views.open" => new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = "V0MODAL" } },
            "users.info" => new JsonObject
            {
                ["ok"] = true,
                ["user"] = new JsonObject
                {
                    ["id"] = body["user"]?.DeepClone(), ["name"] = "handle",
                    ["real_name"] = $"Real {body["user"]}", ["profile"] = new JsonObject { ["display_name"] = $"Slack {body["user"]}" },
                },
            },
            _ => new JsonObject { ["ok"] = true },
        });
    }

    private async Task<IResult> RespondAsync(string id, HttpRequest request)
    {
        var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) as JsonObject ?? [];
        if (await HeldAsync($"response_url:{id}", body, request) is { } held) return held;
        lock (_gate)
        {
            _calls.Add(new SlackCall($"response_url:{id}", request.Headers.Authorization.ToString(), body, DateTimeOffset.UtcNow));
            if (_failures.TryGetValue($"response_url:{id}", out var failures) && failures.TryDequeue(out var status))
                return Results.Text(status >= 500 ? "service unavailable" : "{\"ok\":false,\"error\":\"invalid_blocks\"}", "application/json", statusCode: status);
            if (Down) return Results.Text("service unavailable", statusCode: 503);
            if (_expiredResponseUrls.Contains(id)) return Results.Text("{\"ok\":false,\"error\":\"expired_url\"}", "application/json", statusCode: 404);
            var used = _responseUrlsUsed[id] = _responseUrlsUsed.GetValueOrDefault(id) + 1;
            if (used > _responseUrlUses) return Results.Text("{\"ok\":false,\"error\":\"used_url\"}", "application/json", statusCode: 404);
        }
        return Results.Text("ok");
    }

    /// <summary>Every held call is answered 503 now, as if Slack had given up on it.</summary>
    public void ReleaseHeld() => _released.Cancel();

    /// <summary>A held call waits here until its client gives up; null when the call is not held.</summary>
    private async Task<IResult?> HeldAsync(string method, JsonObject body, HttpRequest request)
    {
        TaskCompletionSource<SlackCall>? arrived;
        var call = new SlackCall(method, request.Headers.Authorization.ToString(), body, DateTimeOffset.UtcNow);
        lock (_gate)
        {
            if (!_holds.Remove(method, out arrived)) return null;
            _held.Add(call);
        }
        arrived.TrySetResult(call);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted, _released.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
        }
        return Results.StatusCode(503);
    }
}
