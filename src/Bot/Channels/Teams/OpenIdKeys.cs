using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>A signing key from a JWKS, with the channels that endorse it (null: the key lists none).</summary>
public sealed record SigningKey(string KeyId, SecurityKey Key, IReadOnlySet<string>? Endorsements);

/// <summary>Neither a fresh copy nor a cached one of the signing keys could be had.</summary>
public sealed class SigningKeysUnavailable(string message) : Exception(message);

/// <summary>
/// The signing keys behind one OpenID metadata document, cached: fetched again every 12 hours, and on a key id it
/// does not know (the channel may have rotated keys) once more, but at most every 5 minutes, so forged key ids
/// cannot turn into traffic.
/// </summary>
public sealed class OpenIdKeys(Uri metadataUrl, IHttpClientFactory http, TimeProvider clock, ILogger<OpenIdKeys> logger)
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(12);
    public static readonly TimeSpan RefreshAtMostEvery = TimeSpan.FromMinutes(5);
    // With nothing cached there is no old key to fall back on; still, a dead endpoint is not asked on every request.
    private static readonly TimeSpan FirstFetchRetry = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _current;
    private DateTimeOffset? _lastAttempt;
    private DateTimeOffset? _lastUnknownKeyRefresh;

    public Uri MetadataUrl => metadataUrl;

    public async Task<SigningKey?> FindAsync(string keyId, CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref _current);
        if (snapshot is null || clock.GetUtcNow() - snapshot.FetchedAt >= RefreshEvery)
            snapshot = await RefreshAsync(unknownKey: false, ct);
        if (snapshot.Keys.TryGetValue(keyId, out var key)) return key;
        snapshot = await RefreshAsync(unknownKey: true, ct);
        return snapshot.Keys.GetValueOrDefault(keyId);
    }

    private async Task<Snapshot> RefreshAsync(bool unknownKey, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            var current = _current;
            var allowed = unknownKey
                ? _lastUnknownKeyRefresh is not { } forced || now - forced >= RefreshAtMostEvery
                : (current is null || now - current.FetchedAt >= RefreshEvery)
                  && (_lastAttempt is not { } last || now - last >= (current is null ? FirstFetchRetry : RefreshAtMostEvery));
            if (!allowed)
                return current ?? throw new SigningKeysUnavailable($"The signing keys from {metadataUrl} could not be fetched; retrying shortly.");

            _lastAttempt = now;
            if (unknownKey) _lastUnknownKeyRefresh = now;
            try
            {
                var fresh = await FetchAsync(now, ct);
                Volatile.Write(ref _current, fresh);
                logger.LogInformation("Fetched {Count} signing keys from {MetadataUrl}", fresh.Keys.Count, metadataUrl);
                return fresh;
            }
            catch (Exception failure) when (failure is HttpRequestException or JsonException or FormatException or ArgumentException
                                                or InvalidOperationException || (failure is TaskCanceledException && !ct.IsCancellationRequested))
            {
                logger.LogWarning("Could not fetch the signing keys from {MetadataUrl}: {Failure}", metadataUrl, failure.Message);
                return current ?? throw new SigningKeysUnavailable($"The signing keys from {metadataUrl} could not be fetched: {failure.Message}");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Snapshot> FetchAsync(DateTimeOffset now, CancellationToken ct)
    {
        using var metadata = JsonDocument.Parse(await GetAsync(metadataUrl, ct));
        var jwksText = metadata.RootElement.TryGetProperty("jwks_uri", out var uri) && uri.ValueKind == JsonValueKind.String ? uri.GetString() : null;
        if (!Uri.TryCreate(jwksText, UriKind.Absolute, out var jwksUrl) || !TeamsSettings.IsAllowedEndpoint(jwksUrl))
            throw new InvalidOperationException($"the metadata's jwks_uri '{jwksText}' is not an https URL");

        using var jwks = JsonDocument.Parse(await GetAsync(jwksUrl, ct));
        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        if (!jwks.RootElement.TryGetProperty("keys", out var list) || list.ValueKind != JsonValueKind.Array)
            throw new InvalidOperationException("the key set has no \"keys\" array");
        foreach (var element in list.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object) continue;
            var key = new JsonWebKey(element.GetRawText());
            if (string.IsNullOrEmpty(key.Kid) || keys.ContainsKey(key.Kid) || (key.Use is { Length: > 0 } use && use != "sig")) continue;
            keys[key.Kid] = new SigningKey(key.Kid, key, Endorsements(element));
        }
        return new Snapshot(keys, now);
    }

    private static HashSet<string>? Endorsements(JsonElement key) =>
        key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal)
            : null;

    private async Task<string> GetAsync(Uri url, CancellationToken ct)
    {
        using var response = await http.CreateClient(TeamsHttp.OpenId).GetAsync(url, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{url} answered {(int)response.StatusCode}", null, response.StatusCode);
        return await response.Content.ReadAsStringAsync(ct);
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, SigningKey> Keys, DateTimeOffset FetchedAt);
}
