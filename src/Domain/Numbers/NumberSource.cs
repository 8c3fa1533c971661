namespace NumbersBot.Domain.Numbers;

/// <summary>The telephony integration a number belongs to, which decides what deleting it means.</summary>
public enum NumberSource
{
    /// <summary>Bought from the platform's pool: deleting releases it.</summary>
    Platform,
    /// <summary>The customer's own Twilio number: deleting only detaches it, it stays theirs.</summary>
    Twilio,
}

public static class NumberSources
{
    public static string DisplayName(this NumberSource source) => source switch
    {
        NumberSource.Platform => "PolyAI",
        NumberSource.Twilio => "Twilio",
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };
}
