using NumbersBot.Bot.Hosting;

namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>Twilio:Reconcile:Drift:*: whether and how often Twilio's lists are compared with what NumbersBot lists.</summary>
public sealed record TwilioDriftSettings(bool Enabled, bool AtStartup, TimeSpan Every, int RequestsPerSecond, int PageSize)
{
    public static TwilioDriftSettings From(IConfiguration configuration)
    {
        const string prefix = "Twilio:Reconcile:Drift";
        var pageSize = BotSettings.PositiveInt(configuration, $"{prefix}:PageSize", TwilioPages.LargestPage);
        if (pageSize > TwilioPages.LargestPage)
            throw new ConfigurationProblem($"{prefix}:PageSize is {pageSize}; Twilio returns at most {TwilioPages.LargestPage} records a page.");
        return new TwilioDriftSettings(
            Flag(configuration, $"{prefix}:Enabled", true),
            Flag(configuration, $"{prefix}:AtStartup", true),
            TimeSpan.FromMinutes(BotSettings.PositiveInt(configuration, $"{prefix}:EveryMinutes", 15)),
            BotSettings.PositiveInt(configuration, $"{prefix}:RequestsPerSecond", 10),
            pageSize);
    }

    private static bool Flag(IConfiguration configuration, string key, bool fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return bool.TryParse(text.Trim(), out var value) ? value : throw new ConfigurationProblem($"{key} is '{text}'; use true or false.");
    }
}
