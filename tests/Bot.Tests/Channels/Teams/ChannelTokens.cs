using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NumbersBot.Bot.Tests.Hosting;

namespace NumbersBot.Bot.Tests.Channels.Teams;

/// <summary>An RSA signing key (made once per run for its id, <see cref="TestKeys"/>), published (or not) in the fake channel's key set.</summary>
public sealed class TestKey(string keyId, params string[]? endorsements)
{
    private readonly RSA _rsa = TestKeys.Rsa(keyId);

    public string KeyId { get; } = keyId;
    /// <summary>Null for a key published without an "endorsements" member (as Azure AD publishes its keys).</summary>
    public string[]? Endorsements { get; } = endorsements is { Length: > 0 } ? endorsements : null;
    public RsaSecurityKey SecurityKey => new(_rsa) { KeyId = KeyId };

    /// <summary>The key as a JWKS entry, with the Bot Framework's "endorsements" list when it has one.</summary>
    public JsonObject Jwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (Endorsements is not null) jwk["endorsements"] = new JsonArray(Endorsements.Select(e => (JsonNode)e!).ToArray());
        return jwk;
    }

    /// <summary>The bytes an attacker would use as an HMAC secret: the published public key.</summary>
    public byte[] PublicKeyBytes => _rsa.ExportSubjectPublicKeyInfo();
}

/// <summary>Signs tokens the way the Bot Framework channel and the Emulator's Azure AD do, and forges the classic bad ones.</summary>
public static class ChannelTokens
{
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string EmulatorIssuerV1 = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

    public static string Sign(TestKey key, string issuer, string? audience, DateTime notBefore, DateTime expires,
        IDictionary<string, object>? claims = null, string algorithm = SecurityAlgorithms.RsaSha256) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key.SecurityKey, algorithm),
        });

    public static string Channel(TestKey key, string appId, string serviceUrl, TimeSpan? validFrom = null, TimeSpan? validFor = null,
        string issuer = ChannelIssuer)
    {
        var notBefore = DateTime.UtcNow + (validFrom ?? TimeSpan.FromMinutes(-1));
        return Sign(key, issuer, appId, notBefore, notBefore + (validFor ?? TimeSpan.FromHours(1)),
            new Dictionary<string, object> { ["serviceurl"] = serviceUrl });
    }

    public static string Emulator(TestKey key, string appId) =>
        Sign(key, EmulatorIssuerV1, "https://api.botframework.com", DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddHours(1),
            new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = appId });

    /// <summary>An unsigned token ("alg": "none") with otherwise perfect claims.</summary>
    public static string Unsigned(string appId, string serviceUrl, string keyId) =>
        Segment(new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = keyId }) + "." + Segment(Payload(appId, serviceUrl)) + ".";

    /// <summary>HS256 with the channel's public key as the secret: accepted by validators that let the token pick the algorithm.</summary>
    public static string HmacWithPublicKey(TestKey key, string appId, string serviceUrl)
    {
        var signingInput = Segment(new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = key.KeyId }) + "." + Segment(Payload(appId, serviceUrl));
        var signature = HMACSHA256.HashData(key.PublicKeyBytes, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    private static JsonObject Payload(string appId, string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["iss"] = ChannelIssuer, ["aud"] = appId, ["serviceurl"] = serviceUrl, ["nbf"] = now - 60, ["iat"] = now - 60, ["exp"] = now + 3600,
        };
    }

    private static string Segment(JsonObject json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
