using Twilio.Clients;
using Twilio.Http;
using NumbersBot.Domain;

namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>Twilio REST clients per account, all over the one named HttpClient that carries the timeout.</summary>
public sealed class TwilioClients(IHttpClientFactory httpClients, TwilioSettings settings)
{
    public const string HttpClientName = "Twilio";

    public TwilioAccount Pool => settings.Pool;

    /// <summary>The project's own account, where connected numbers live; credentials come only from configuration.</summary>
    public TwilioAccount Customer(string projectId) => settings.CustomerAccount(projectId) ?? throw new DomainException(
        RefusalKind.ProviderFailed,
        $"Project {projectId} has no Twilio account of its own configured, so its numbers cannot be looked up. " +
        $"An operator must set Twilio:Customers:{projectId}:AccountSid and Twilio:Customers:{projectId}:AuthToken; credentials are never typed into chat.");

    public ITwilioRestClient For(TwilioAccount account) =>
        new TwilioRestClient(account.Username, account.Password, accountSid: account.AccountSid,
            httpClient: new SystemNetHttpClient(httpClients.CreateClient(HttpClientName)));
}

/// <summary>
/// Sends every request to one base address instead of api.twilio.com, trunking.twilio.com and the rest:
/// the SDK builds its hosts itself, so this is the one place a local fake can be put in front of it.
/// </summary>
public sealed class TwilioBaseUrlHandler(Uri baseUrl) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
            request.RequestUri = new UriBuilder(uri) { Scheme = baseUrl.Scheme, Host = baseUrl.Host, Port = baseUrl.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
