namespace NumbersBot.Bot.Hosting;

/// <summary>How a secret appears when its settings are printed (a log line, an exception, a debugger): never itself.</summary>
public static class Redacted
{
    public static string Of(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : "(set)";
}
