using System.Security.Cryptography;
using System.Text;

namespace NumbersBot.Bot.Tests.Channels.Slack;

/// <summary>
/// Signs requests as Slack does, written separately from the bot's verifier so that one mistake cannot hide in
/// both; checked against Slack's documented example.
/// </summary>
public static class SlackSigner
{
    public const string Secret = "test-signing-secret";

    public static string Sign(string secret, string timestamp, byte[] body)
    {
        var signed = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)).ToLowerInvariant();
    }

    public static string Now(TimeSpan? offset = null) =>
        (DateTimeOffset.UtcNow + (offset ?? TimeSpan.Zero)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
