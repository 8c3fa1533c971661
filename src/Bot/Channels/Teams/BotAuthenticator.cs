using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>A request that must not be acted on; the reason goes to the log, never to the caller.</summary>
public sealed class TokenRefused(string reason) : Exception(reason);

/// <summary>What a valid token vouches for: who signed it, and for which service URL.</summary>
public sealed record ValidatedToken(bool FromEmulator, string? ServiceUrl, IReadOnlySet<string>? Endorsements);

/// <summary>
/// Checks the bearer token on /api/messages the way the Bot Framework defines it: a channel token (issuer, audience =
/// our app id, lifetime, RS256/384/512 signature by a key from the channel's OpenID metadata, that key endorsed for
/// the activity's channel, serviceurl claim = the activity's) or an Emulator token (Azure AD issuer, appid/azp = our
/// app id).
/// </summary>
public sealed class BotAuthenticator
{
    public static readonly IReadOnlySet<string> AllowedAlgorithms = new HashSet<string>(StringComparer.Ordinal)
    {
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
    };

    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] EmulatorTenants = ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"];

    private readonly TeamsSettings _settings;
    private readonly SigningKeys _channelKeys;
    private readonly SigningKeys _emulatorKeys;
    private readonly TimeProvider _clock;
    private readonly HashSet<string> _emulatorIssuers;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    // The channel sends the same token with every activity for an hour: its signature is checked once, not per request.
    private readonly ConcurrentDictionary<string, (ValidatedToken Token, DateTime Expires)> _validated = new(StringComparer.Ordinal);

    /// <summary>How many distinct tokens are remembered at most; past it the memory starts over (forged tokens never get in).</summary>
    public const int MaxRemembered = 1_000;

    public BotAuthenticator(TeamsSettings settings, SigningKeys channelKeys, SigningKeys emulatorKeys, TimeProvider clock)
    {
        _settings = settings;
        _channelKeys = channelKeys;
        _emulatorKeys = emulatorKeys;
        _clock = clock;
        var tenants = settings.TenantId is { } own ? EmulatorTenants.Append(own) : EmulatorTenants;
        _emulatorIssuers = tenants
            .SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" })
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The token alone: signature, issuer, audience, lifetime. Throws <see cref="TokenRefused"/>.</summary>
    public async Task<ValidatedToken> ValidateAsync(string? authorization, CancellationToken ct)
    {
        var appId = _settings.AppId ?? throw new InvalidOperationException("Authentication is off: there is no MicrosoftAppId.");
        var raw = BearerToken(authorization);
        if (_validated.TryGetValue(raw, out var known))
        {
            if (IsCurrent(null, known.Expires, _clock.GetUtcNow().UtcDateTime)) return known.Token;
            _validated.TryRemove(raw, out _);
        }
        var (validated, expires) = await CheckAsync(raw, appId, ct);
        if (_validated.Count >= MaxRemembered) _validated.Clear();
        _validated[raw] = (validated, expires);
        return validated;
    }

    /// <summary>Every check, as on a token never seen before; returns what it vouches for and when that ends.</summary>
    private async Task<(ValidatedToken Token, DateTime Expires)> CheckAsync(string raw, string appId, CancellationToken ct)
    {
        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            throw new TokenRefused("the bearer token is not a JWT");
        }
        // Decided before any key is looked at: "none" and HMAC tokens never reach signature checks.
        if (!AllowedAlgorithms.Contains(token.Alg)) throw new TokenRefused($"alg '{token.Alg}' is not allowed");
        if (string.IsNullOrEmpty(token.Kid)) throw new TokenRefused("the token names no signing key");

        var fromEmulator = _emulatorIssuers.Contains(token.Issuer);
        var keys = fromEmulator ? _emulatorKeys : _channelKeys;
        var key = await keys.FindAsync(token.Kid, ct) ?? throw new TokenRefused($"key '{token.Kid}' is not in {keys.MetadataUrl}");

        var result = await _handler.ValidateTokenAsync(raw, new TokenValidationParameters
        {
            ValidIssuers = fromEmulator ? _emulatorIssuers : [_settings.ChannelTokenIssuer],
            ValidateAudience = !fromEmulator, // Emulator tokens name the bot in appid/azp instead, checked below.
            ValidAudience = appId,
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) => IsCurrent(notBefore, expires, _clock.GetUtcNow().UtcDateTime),
            RequireSignedTokens = true,
            ValidAlgorithms = AllowedAlgorithms,
            IssuerSigningKey = key.Key,
            TryAllIssuerSigningKeys = false,
        });
        if (!result.IsValid) throw new TokenRefused(result.Exception?.Message ?? "the token is not valid");

        if (fromEmulator)
        {
            var version = Claim(result, "ver");
            var party = version is null or "1.0" ? Claim(result, "appid") : version == "2.0" ? Claim(result, "azp") : null;
            if (!string.Equals(party, appId, StringComparison.Ordinal)) throw new TokenRefused("the Emulator token is for another app");
            return (new ValidatedToken(true, null, key.Endorsements), token.ValidTo);
        }
        var serviceUrl = Claim(result, "serviceurl");
        if (string.IsNullOrWhiteSpace(serviceUrl)) throw new TokenRefused("the token has no serviceurl claim");
        return (new ValidatedToken(false, serviceUrl, key.Endorsements), token.ValidTo);
    }

    /// <summary>The token against the activity it came with. Throws <see cref="TokenRefused"/>.</summary>
    public static void Authorize(ValidatedToken token, string? channelId, string? serviceUrl)
    {
        // The SDK's rule: a channel's key must endorse the channel; an Azure AD (Emulator) key carries no endorsements.
        var mustBeEndorsed = !token.FromEmulator || token.Endorsements is not null;
        if (mustBeEndorsed && (string.IsNullOrEmpty(channelId) || token.Endorsements?.Contains(channelId) != true))
            throw new TokenRefused($"the signing key is not endorsed for channel '{channelId}'");
        if (!token.FromEmulator && !string.Equals(token.ServiceUrl, serviceUrl, StringComparison.OrdinalIgnoreCase))
            throw new TokenRefused("the serviceurl claim does not match the activity's serviceUrl");
    }

    /// <summary>Within the token's lifetime, give or take <see cref="ClockSkew"/>; a token without an expiry never is.</summary>
    public static bool IsCurrent(DateTime? notBefore, DateTime? expires, DateTime now) =>
        expires is { } end && now <= end.ToUniversalTime() + ClockSkew && (notBefore is not { } start || now >= start.ToUniversalTime() - ClockSkew);

    private static string BearerToken(string? authorization)
    {
        var parts = (authorization ?? "").Split(' ');
        return parts is [var scheme, var token] && scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && token.Length > 0
            ? token
            : throw new TokenRefused(authorization is null ? "no Authorization header" : "the Authorization header is not 'Bearer <token>'");
    }

    private static string? Claim(TokenValidationResult result, string type) =>
        result.Claims.TryGetValue(type, out var value) ? value?.ToString() : null;
}
