using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>A signing key from a JWKS, with the channels that endorse it (null: the key lists none).</summary>
public sealed record SigningKey(string KeyId, SecurityKey Key, IReadOnlySet<string>? Endorsements);

/// <summary>Neither a fresh copy nor a cached one of the signing keys could be had.</summary>
public sealed class SigningKeysUnavailable(string message) : Exception(message);

/// <summary>
/// The signing keys behind one OpenID metadata document, kept by IdentityModel's <see cref="ConfigurationManager{T}"/>:
/// fetched again every 12 hours (plus up to 5%, so instances spread out), and on a key id it does not know (the channel
/// may have rotated keys) once more, but at most every 5 minutes, so forged key ids cannot turn into traffic. Refreshes
/// run in line (Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking, set in Directory.Build.props).
/// </summary>
public sealed class SigningKeys
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(12);
    public static readonly TimeSpan RefreshAtMostEvery = TimeSpan.FromMinutes(5);

    public SigningKeys(Uri metadataUrl, IHttpClientFactory http, ILogger<SigningKeys> logger)
    {
        MetadataUrl = metadataUrl;
        Manager = new ConfigurationManager<OpenIdConnectConfiguration>(
            metadataUrl.ToString(), new OpenIdConnectConfigurationRetriever(), new Documents(http, logger))
        {
            AutomaticRefreshInterval = RefreshEvery,
            RefreshInterval = RefreshAtMostEvery,
        };
    }

    public Uri MetadataUrl { get; }

    internal ConfigurationManager<OpenIdConnectConfiguration> Manager { get; }

    public async Task<SigningKey?> FindAsync(string keyId, CancellationToken ct)
    {
        if (Find(await CurrentAsync(ct), keyId) is { } key) return key;
        Manager.RequestRefresh();
        return Find(await CurrentAsync(ct), keyId);
    }

    private async Task<OpenIdConnectConfiguration> CurrentAsync(CancellationToken ct)
    {
        try
        {
            return await Manager.GetConfigurationAsync(ct);
        }
        catch (InvalidOperationException failure)
        {
            throw new SigningKeysUnavailable($"The signing keys from {MetadataUrl} could not be fetched: {failure.InnerException?.Message ?? failure.Message}");
        }
    }

    private static SigningKey? Find(OpenIdConnectConfiguration configuration, string keyId) =>
        configuration.JsonWebKeySet?.Keys
            .Where(k => k.Kid == keyId && (string.IsNullOrEmpty(k.Use) || k.Use == "sig"))
            .Select(k => new SigningKey(keyId, k, Endorsements(k)))
            .FirstOrDefault();

    private static HashSet<string>? Endorsements(JsonWebKey key)
    {
        if (!key.AdditionalData.TryGetValue("endorsements", out var value)) return null;
        var items = value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!),
            IEnumerable<object> list => list.OfType<string>(),
            _ => null,
        };
        return items?.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The metadata and key set over the named client; only https, or http on loopback, and every failure logged.</summary>
    private sealed class Documents(IHttpClientFactory http, ILogger logger) : IDocumentRetriever
    {
        public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            try
            {
                if (!Uri.TryCreate(address, UriKind.Absolute, out var url) || !TeamsSettings.IsAllowedEndpoint(url))
                    throw new InvalidOperationException($"'{address}' is not an https URL");
                using var response = await http.CreateClient(TeamsHttp.OpenId).GetAsync(url, cancel);
                if (!response.IsSuccessStatusCode)
                    throw new HttpRequestException($"{url} answered {(int)response.StatusCode}", null, response.StatusCode);
                var document = await response.Content.ReadAsStringAsync(cancel);
                logger.LogInformation("Fetched {Url}", url);
                return document;
            }
            catch (Exception failure) when (failure is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                logger.LogWarning("Could not fetch the signing keys from {Url}: {Failure}", address, failure.Message);
                throw;
            }
        }
    }
}
