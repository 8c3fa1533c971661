using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NumbersBot.Tests.Support.Hosting;

namespace NumbersBot.Load;

/// <summary>
/// The Bot Framework and Slack as both bots under test see them, on loopback: the channel's OpenID metadata and a key
/// set with one RSA key endorsed for msteams (http), the Bot Connector under /teams/ (answers every send with an id,
/// counts them), an Azure AD token endpoint for MSAL (https, the loopback certificate), and Slack's Web API under /api/.
/// </summary>
public sealed class FakeChannels : LoopbackServer
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string Tenant = "72f988bf-0000-0000-0000-000000000001";
    public const string AdminObjectId = "aaaaaaaa-0000-0000-0000-000000000001";
    public const string SlackSecret = "load-signing-secret";
    private const string KeyId = "load-key-1";

    private static long _connectorCalls;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> Calls = new();

    public static async Task<int> RunAsync(string dir)
    {
        Directory.CreateDirectory(dir);
        var rsa = TestKeys.Rsa("load-channel");
        var certificate = TestKeys.LoopbackCertificate;
        await using var fakes = new FakeChannels();
        Uri baseUrl = null!;
        await fakes.ListenAsync(app => app.Run(context => HandleAsync(context, baseUrl, rsa)), certificate);
        baseUrl = fakes.BaseUrl;
        var loginUrl = fakes.HttpsBaseUrl!;
        var serviceUrl = new Uri(baseUrl, "teams/").ToString();

        var certificateFile = Path.Combine(dir, "login-certificate.pem");
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
        await File.WriteAllLinesAsync(Path.Combine(dir, "fakes.env"),
        [
            $"FAKE_BASE_URL={baseUrl}",
            $"FAKE_LOGIN_URL={new Uri(loginUrl, Tenant)}",
            $"FAKE_SERVICE_URL={serviceUrl}",
            $"FAKE_CHANNEL_METADATA_URL={new Uri(baseUrl, "channel/.well-known/openidconfiguration")}",
            $"FAKE_SLACK_API_URL={new Uri(baseUrl, "api/")}",
            $"FAKE_CERTIFICATE_FILE={certificateFile}",
            $"APP_ID={AppId}",
            $"TENANT_ID={Tenant}",
            $"ADMIN_OBJECT_ID={AdminObjectId}",
            $"SLACK_SIGNING_SECRET={SlackSecret}",
            $"CHANNEL_TOKEN={ChannelToken(rsa, serviceUrl)}",
        ]);
        Console.WriteLine($"fakes on {baseUrl} and {loginUrl}");
        // The script closes stdin to stop us, whatever happens to it.
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static async Task HandleAsync(HttpContext context, Uri baseUrl, RSA rsa)
    {
        var path = context.Request.Path.Value ?? "";
        Calls.AddOrUpdate(context.Request.IsHttps ? "login" : path.StartsWith("/teams/", StringComparison.Ordinal) ? "connector" : path, 1, (_, n) => n + 1);
        if (context.Request.IsHttps)
        {
            await context.Response.WriteAsJsonAsync(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = "bot-token-from-fake-login" });
            return;
        }
        if (path.StartsWith("/teams/v3/", StringComparison.Ordinal))
        {
            // Read the whole body, as the real connector does, and answer with an id.
            await context.Request.Body.CopyToAsync(Stream.Null);
            var id = Interlocked.Increment(ref _connectorCalls);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($"{{\"id\":\"activity-{id}\"}}");
            return;
        }
        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(path == "/api/users.info"
                ? """{"ok":true,"user":{"id":"UADMIN","name":"admin","real_name":"Ada Admin","profile":{"display_name":"Ada"}}}"""
                : """{"ok":true}""");
            return;
        }
        switch (path)
        {
            case "/channel/.well-known/openidconfiguration":
                await context.Response.WriteAsJsonAsync(new { issuer = "https://api.botframework.com", jwks_uri = new Uri(baseUrl, "channel/keys").ToString(),
                    id_token_signing_alg_values_supported = new[] { "RS256" } });
                return;
            case "/channel/keys":
                await context.Response.WriteAsync(new JsonObject { ["keys"] = new JsonArray(Jwk(rsa)) }.ToJsonString());
                return;
            case "/stats":
                await context.Response.WriteAsync(string.Join(' ', Calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")));
                return;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    /// <summary>What the channel sends with every activity for an hour: the bot reuses nothing else between requests.</summary>
    private static string ChannelToken(RSA rsa, string serviceUrl) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://api.botframework.com",
            Audience = AppId,
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            IssuedAt = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddMinutes(59),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        });

    private static JsonObject Jwk(RSA rsa)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA", ["use"] = "sig", ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["x5c"] = new JsonArray(), ["endorsements"] = new JsonArray("msteams"),
        };
    }
}
