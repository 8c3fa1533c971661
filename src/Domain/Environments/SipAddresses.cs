namespace NumbersBot.Domain.Environments;

/// <summary>Where an environment's calls are sent: the main address first, the fallback when it fails.</summary>
public sealed record SipAddresses
{
    public SipAddresses(string main, string fallback)
    {
        Main = Require(main, "main");
        Fallback = Require(fallback, "fallback");
    }

    public string Main { get; }
    public string Fallback { get; }

    /// <summary>One address checked on its own, as a form checks each field; <paramref name="which"/> is "main" or "fallback".</summary>
    public static string Require(string? address, string which)
    {
        var trimmed = address?.Trim() ?? "";
        if (trimmed.Length == 0) throw DomainException.Invalid($"The {which} SIP address is missing; use a SIP URI (sip:host or sip:user@host).");
        if (!trimmed.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || trimmed.Length < 6 || trimmed.Any(char.IsWhiteSpace))
            throw DomainException.Invalid($"The {which} SIP address '{address}' is not a SIP URI (sip:host or sip:user@host).");
        return trimmed;
    }
}
