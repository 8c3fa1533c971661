using Microsoft.Identity.Client;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// The bot's own token for the Bot Connector: MSAL client credentials against the configured authority, cached by
/// MSAL until shortly before it expires. Null when authentication is off (no MicrosoftAppId).
/// </summary>
public sealed class BotCredentials
{
    private readonly TeamsSettings _settings;
    private readonly Lazy<IConfidentialClientApplication>? _app;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public BotCredentials(TeamsSettings settings, IHttpClientFactory http)
    {
        _settings = settings;
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
        // MSAL does not merge concurrent requests on an empty cache: without this, a burst at start-up asks Azure AD once per request.
        await _gate.WaitAsync(ct);
        try
        {
            var result = await _app.Value.AcquireTokenForClient([_settings.OAuthScope]).ExecuteAsync(ct);
            return result.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class MsalHttpClients(IHttpClientFactory http) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => http.CreateClient(TeamsHttp.Login);
    }
}
