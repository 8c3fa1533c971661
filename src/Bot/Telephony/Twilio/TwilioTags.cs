using System.Security.Cryptography;
using System.Text;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>
/// The FriendlyNames NumbersBot gives what it creates in Twilio, so it can find them again: a bought number is
/// tagged with the purchase intent that asked for it, a trunk with its project and environment.
/// </summary>
public static class TwilioTags
{
    /// <summary>Twilio's limit for FriendlyName.</summary>
    public const int MaxLength = 64;

    public const string Prefix = "numbersbot:";

    // A different prefix for hashed values, so a short value can never look like the hash of a long one.
    private const string HashedPrefix = "numbersbot#";

    public static string Purchase(string intentKey) => Tag(intentKey);

    public static string Trunk(string projectId, AgentEnvironment environment) => Tag($"trunk:{projectId}:{environment}");

    public static bool IsOurs(string? friendlyName) =>
        friendlyName is not null && (friendlyName.StartsWith(Prefix, StringComparison.Ordinal) || friendlyName.StartsWith(HashedPrefix, StringComparison.Ordinal));

    private static string Tag(string value)
    {
        if (Prefix.Length + value.Length <= MaxLength) return Prefix + value;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        return HashedPrefix + hash[..(MaxLength - HashedPrefix.Length)];
    }
}
