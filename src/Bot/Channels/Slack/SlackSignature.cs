using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// Slack's request signing: v0=hex(HMAC-SHA256(signing secret, "v0:" + timestamp + ":" + raw body)), and a
/// timestamp no more than five minutes from now in either direction, so a captured request cannot be replayed.
/// </summary>
public static class SlackSignature
{
    public static readonly TimeSpan MaxClockDifference = TimeSpan.FromMinutes(5);

    private const string Scheme = "v0=";

    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body) =>
        Scheme + Convert.ToHexStringLower(Mac(signingSecret, timestamp, body));

    public static bool IsValid(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || !timestamp.All(char.IsAsciiDigit)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return false;
        if (Math.Abs((double)now.ToUnixTimeSeconds() - seconds) > MaxClockDifference.TotalSeconds) return false;
        if (signature is null || !signature.StartsWith(Scheme, StringComparison.Ordinal) || signature.Length != Scheme.Length + 64) return false;

        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signature.AsSpan(Scheme.Length), given, out _, out var written) != OperationStatus.Done || written != 32)
            return false;
        return CryptographicOperations.FixedTimeEquals(given, Mac(signingSecret, timestamp, body));
    }

    private static byte[] Mac(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(signingSecret));
        hmac.AppendData(Encoding.UTF8.GetBytes($"v0:{timestamp}:"));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
