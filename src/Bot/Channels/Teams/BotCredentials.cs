using Microsoft.Identity.Client;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// The bot's own token for the Bot Connector: MSAL client credentials against the configured authority, kept here until
/// <see cref="RefreshBefore"/> its expiry. Null when authentication is off (no MicrosoftAppId).
/// </summary>
public sealed class BotCredentials
{
    /// <summary>How long before its expiry a token is replaced (MSAL's own margin), so no reply carries one about to lapse.</summary>
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    private readonly TeamsSettings _settings;
    private readonly TimeProvider _clock;
    private readonly Lazy<IConfidentialClientApplication>? _app;
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Read on every connector call: MSAL's cache lookup (a lock, a cache key, a result object) cost ~3% of a Teams turn.
    private volatile Remembered? _current;

    public BotCredentials(TeamsSettings settings, IHttpClientFactory http, TimeProvider clock)
    {
        _settings = settings;
        _clock = clock;
        if (settings.AppId is null) return;
        _app = new Lazy<IConfidentialClientApplication>(() => ConfidentialClientApplicationBuilder
            .Create(settings.AppId)
            .WithClientSecret(settings.AppPassword)
            // The authority is taken as configured: no discovery call, so a sovereign or test endpoint works too.
            .WithAuthority(settings.LoginUrl.ToString(), validateAuthority: false)
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new MsalHttpClients(http))
            .Build());
    }

    public async Task<string?> GetTokenAsync(CancellationToken ct)
    {
        if (_app is null) return null;
        if (_current is { } current && _clock.GetUtcNow() < current.RefreshAt) return current.Token;
        // MSAL does not merge concurrent requests on an empty cache: without this, a burst at start-up asks Azure AD once per request.
        await _gate.WaitAsync(ct);
        try
        {
            if (_current is { } fresh && _clock.GetUtcNow() < fresh.RefreshAt) return fresh.Token;
            // Only here when the token this class holds is due, so MSAL's cache (on its own clock) is not asked for it again.
            var result = await _app.Value.AcquireTokenForClient([_settings.OAuthScope]).WithForceRefresh(_current is not null).ExecuteAsync(ct);
            _current = new Remembered(result.AccessToken, result.ExpiresOn - RefreshBefore);
            return result.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record Remembered(string Token, DateTimeOffset RefreshAt);

    private sealed class MsalHttpClients(IHttpClientFactory http) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => http.CreateClient(TeamsHttp.Login);
    }
}
