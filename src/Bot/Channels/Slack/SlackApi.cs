using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>What a Web API method answered: Slack reports failures as HTTP 200 with ok=false and an error code.</summary>
public sealed record SlackApiResult(bool Ok, string? Error, JsonObject? Body, int? Status = null)
{
    public static SlackApiResult Failed(string error, int? status = null) => new(false, error, null, status);
}

/// <summary>
/// A response_url or Web API call that did not go through; a deferred delivery is tried again, unless
/// <paramref name="gone"/>: Slack will never take a message at that address again. <paramref name="status"/>: the HTTP status
/// Slack answered with, when it was not a success.
/// </summary>
public sealed class SlackDeliveryException(string message, bool gone = false, int? status = null, string? error = null) : Exception(message)
{
    public bool Gone => gone;

    public int? Status => status;

    /// <summary>Slack's error code with ok=false (invalid_blocks, internal_error, …).</summary>
    public string? Error => error;

    /// <summary>
    /// Whether the same message may be taken later: a 5xx, a 429, or ok=false with one of Slack's own passing troubles
    /// (or an answer that was not Slack's JSON, such as a proxy's error page). Anything else Slack would refuse again.
    /// </summary>
    public bool MayPass => !gone && (status is >= 500 or 429
        || error is "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout" or "ratelimited" or "unreadable_answer");
}

/// <summary>
/// Slack's Web API (POST https://slack.com/api/&lt;method&gt;, Bearer token, JSON) and response_url posts. A 429 is
/// waited out for its Retry-After and tried again, a bounded number of times; ok=false is logged with the method.
/// </summary>
public sealed class SlackApi(IHttpClientFactory clients, SlackSettings settings, TimeProvider clock, ILogger<SlackApi> logger)
{
    public const string HttpClientName = "slack";
    public const int MaxAttempts = 3;
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The HTTP client Slack calls go through, without the factory's request logging: its lines carry the URL, and a
    /// response_url is a credential while it lasts.
    /// </summary>
    public static IHttpClientBuilder AddClient(IServiceCollection services) =>
        services.AddHttpClient(HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15)).RemoveAllLoggers();

    /// <summary>A small call built as a tree (users.info); messages and modals are written as bytes.</summary>
    public async Task<SlackApiResult> CallAsync(string method, JsonObject arguments, CancellationToken ct)
    {
        using var body = OutgoingJson.From(arguments);
        return await CallAsync(method, body, ct);
    }

    /// <summary>Calls a Web API method with <paramref name="arguments"/> (which stay the caller's to dispose).</summary>
    public async Task<SlackApiResult> CallAsync(string method, OutgoingJson arguments, CancellationToken ct)
    {
        if (!settings.CanCallApi)
        {
            logger.LogWarning("Slack {Method} was not called: Slack:BotToken is not configured", method);
            return SlackApiResult.Failed("not_configured");
        }
        using var response = await SendAsync(() =>
        {
            var request = Post(new Uri(settings.ApiBaseUrl, method), arguments);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.BotToken);
            return request;
        }, method, ct);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("Slack {Method} answered HTTP {Status}", method, (int)response.StatusCode);
            return SlackApiResult.Failed($"http_{(int)response.StatusCode}", (int)response.StatusCode);
        }
        var body = await ReadObjectAsync(response, ct);
        var ok = body?["ok"] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
        if (ok) return new SlackApiResult(true, null, body);
        var error = SlackPayloads.Optional(body, "error") ?? "unreadable_answer";
        logger.LogWarning("Slack {Method} answered ok=false: {Error}", method, error);
        return new SlackApiResult(false, error, body);
    }

    /// <summary>Calls the method and throws when it fails, for deliveries that must be retried rather than lost.</summary>
    public async Task<JsonObject> RequireAsync(string method, OutgoingJson arguments, CancellationToken ct)
    {
        var result = await CallAsync(method, arguments, ct);
        return result.Ok ? result.Body! : throw new SlackDeliveryException($"Slack {method} failed: {result.Error}", status: result.Status, error: result.Error);
    }

    /// <summary>Posts to an interaction's response_url (no token: the URL itself is the credential).</summary>
    public async Task RespondAsync(string responseUrl, OutgoingJson message, CancellationToken ct)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw new SlackDeliveryException("The response_url is not an http(s) URL.");
        using var response = await SendAsync(() => Post(url, message), "response_url", ct);
        // Slack answers "ok" as text, or a JSON error such as {"ok":false,"error":"expired_url"}.
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode && !text.Contains("\"ok\":false", StringComparison.Ordinal)) return;
        logger.LogWarning("Slack response_url answered HTTP {Status}: {Answer}", (int)response.StatusCode, text.Length > 200 ? text[..200] : text);
        // A response_url takes 5 messages within 30 minutes; past that Slack answers expired_url or used_url, for good.
        var gone = text.Contains("expired_url", StringComparison.Ordinal) || text.Contains("used_url", StringComparison.Ordinal);
        throw new SlackDeliveryException(
            gone ? $"Slack's response_url takes no more messages ({(text.Contains("used_url", StringComparison.Ordinal) ? "used_url" : "expired_url")})."
                 : $"Slack's response_url refused the message (HTTP {(int)response.StatusCode}).", gone,
            response.IsSuccessStatusCode ? null : (int)response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, string what, CancellationToken ct)
    {
        var http = clients.CreateClient(HttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            var response = await http.SendAsync(message, ct);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == MaxAttempts) return response;
            var wait = RetryAfter(response);
            logger.LogInformation("Slack rate-limited {What}; waiting {Seconds} s before attempt {Attempt}", what, wait.TotalSeconds, attempt + 1);
            response.Dispose();
            await Task.Delay(wait, clock, ct);
        }
    }

    private TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var wait = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - clock.GetUtcNow(),
            _ => TimeSpan.FromSeconds(1),
        };
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait;
    }

    private static HttpRequestMessage Post(Uri url, OutgoingJson body) => new(HttpMethod.Post, url) { Content = body.ToContent() };

    private static async Task<JsonObject?> ReadObjectAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
