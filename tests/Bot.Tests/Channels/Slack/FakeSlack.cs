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

    public IReadOnlyList<SlackCall> Calls
    {
        get
        {
            lock (_gate) return [.. _calls];
        }
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
        lock (_gate)
        {
            _calls.Add(new SlackCall(method, request.Headers.Authorization.ToString(), body, DateTimeOffset.UtcNow));
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
        lock (_gate)
        {
            _calls.Add(new SlackCall($"response_url:{id}", request.Headers.Authorization.ToString(), body, DateTimeOffset.UtcNow));
            if (Down) return Results.Text("service unavailable", statusCode: 503);
            if (_expiredResponseUrls.Contains(id)) return Results.Text("{\"ok\":false,\"error\":\"expired_url\"}", "application/json", statusCode: 404);
            var used = _responseUrlsUsed[id] = _responseUrlsUsed.GetValueOrDefault(id) + 1;
            if (used > _responseUrlUses) return Results.Text("{\"ok\":false,\"error\":\"used_url\"}", "application/json", statusCode: 404);
        }
        return Results.Text("ok");
    }
}
