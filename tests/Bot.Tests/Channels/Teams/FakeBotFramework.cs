using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NumbersBot.Bot.Tests.Hosting;

namespace NumbersBot.Bot.Tests.Channels.Teams;

/// <summary>One call the bot made to the Bot Connector.</summary>
public sealed record ConnectorCall(string Method, string Path, string? Authorization, JsonObject? Body);

/// <summary>
/// The Bot Framework as the bot sees it, on loopback: the channel's and the Emulator's OpenID metadata and key sets
/// (http), the Bot Connector under a serviceUrl, recording every call (http), and an Azure AD token endpoint for MSAL
/// (https with the run's loopback certificate, since MSAL refuses a plain-http authority).
/// </summary>
public sealed class FakeBotFramework : LoopbackServer
{
    public const string BotToken = "bot-token-from-fake-login";

    private readonly object _gate = new();
    private readonly List<ConnectorCall> _calls = [];
    private readonly Queue<(HttpStatusCode Status, string? Code, string? RetryAfter)> _faults = new();
    private readonly List<TestKey> _channelKeys = [];
    private readonly List<TestKey> _emulatorKeys = [];
    private int _activityIds;

    public Uri LoginBaseUrl => HttpsBaseUrl!;
    public X509Certificate2 Certificate => TestKeys.LoopbackCertificate;
    public string ServiceUrl => new Uri(BaseUrl, "teams/").ToString();
    public Uri ChannelMetadataUrl => new(BaseUrl, "channel/.well-known/openidconfiguration");
    public Uri EmulatorMetadataUrl => new(BaseUrl, "emulator/.well-known/openid-configuration");
    public int KeySetFetches { get; private set; }
    /// <summary>Where the channel's metadata says its keys are; unset, this fake's own key set.</summary>
    public Uri? ChannelKeySetUrl { get; set; }
    public int TokenRequests { get; private set; }
    public string? LastTokenRequest { get; private set; }

    public IReadOnlyList<ConnectorCall> Calls { get { lock (_gate) return _calls.ToList(); } }

    public static async Task<FakeBotFramework> StartAsync()
    {
        var fake = new FakeBotFramework();
        await fake.ListenAsync(app => app.Run(fake.HandleAsync), fake.Certificate);
        return fake;
    }

    public void PublishChannelKey(TestKey key) { lock (_gate) _channelKeys.Add(key); }

    public void PublishEmulatorKey(TestKey key) { lock (_gate) _emulatorKeys.Add(key); }

    /// <summary>The next connector call gets this answer instead (and is still recorded).</summary>
    public void FailNext(HttpStatusCode status, string? code = null, string? retryAfter = null) { lock (_gate) _faults.Enqueue((status, code, retryAfter)); }

    /// <summary>While true, every connector call is answered 503 with Retry-After 0 (and still recorded), as the Bot Connector in an outage.</summary>
    public bool Down { get; set; }

    public bool TrustsOurCertificate(X509Certificate2? presented) => presented?.Thumbprint == Certificate.Thumbprint;

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (context.Request.IsHttps)
        {
            await TokenAsync(context);
            return;
        }
        switch (path)
        {
            case "/channel/.well-known/openidconfiguration":
                await context.Response.WriteAsJsonAsync(new { issuer = "https://api.botframework.com", jwks_uri = (ChannelKeySetUrl ?? new Uri(BaseUrl, "channel/keys")).ToString() });
                return;
            case "/emulator/.well-known/openid-configuration":
                await context.Response.WriteAsJsonAsync(new { issuer = "https://login.microsoftonline.com/{tenantid}/v2.0", jwks_uri = new Uri(BaseUrl, "emulator/keys").ToString() });
                return;
            case "/channel/keys" or "/emulator/keys":
                JsonArray keys;
                lock (_gate)
                {
                    KeySetFetches++;
                    keys = new JsonArray((path.StartsWith("/channel", StringComparison.Ordinal) ? _channelKeys : _emulatorKeys).Select(k => (JsonNode)k.Jwk()).ToArray());
                }
                await context.Response.WriteAsync(new JsonObject { ["keys"] = keys }.ToJsonString());
                return;
        }
        if (path.StartsWith("/teams/v3/", StringComparison.Ordinal))
        {
            await ConnectorAsync(context, path["/teams/".Length..]);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private async Task ConnectorAsync(HttpContext context, string path)
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var body = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
        (HttpStatusCode Status, string? Code, string? RetryAfter)? fault = null;
        lock (_gate)
        {
            // Logged paths are as the bot sent them, escaped ids and all.
            var raw = context.Request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? path;
            _calls.Add(new ConnectorCall(context.Request.Method, raw.StartsWith("/teams/", StringComparison.Ordinal) ? raw["/teams/".Length..] : raw,
                context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null, body));
            if (_faults.Count > 0) fault = _faults.Dequeue();
            else if (Down) fault = (HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "0");
        }
        if (fault is { } failure)
        {
            context.Response.StatusCode = (int)failure.Status;
            if (failure.RetryAfter is { } after) context.Response.Headers.RetryAfter = after;
            await context.Response.WriteAsJsonAsync(new { error = new { code = failure.Code ?? failure.Status.ToString(), message = "The fake connector says no." } });
            return;
        }
        var id = context.Request.Method == HttpMethods.Post && path == "v3/conversations"
            ? $"a:conversation-{Interlocked.Increment(ref _activityIds)}"
            : $"activity-{Interlocked.Increment(ref _activityIds)}";
        await context.Response.WriteAsJsonAsync(new { id });
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        lock (_gate)
        {
            TokenRequests++;
            LastTokenRequest = $"{context.Request.Path} {string.Join('&', form.Select(f => $"{f.Key}={(f.Key == "client_secret" ? "***" : f.Value.ToString())}"))}";
        }
        await context.Response.WriteAsJsonAsync(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = BotToken });
    }

}
