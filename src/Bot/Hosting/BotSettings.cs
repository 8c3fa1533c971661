using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;

namespace NumbersBot.Bot.Hosting;

/// <summary>Reads and checks the settings the domain depends on; a bad value stops start-up with a clear sentence.</summary>
public static class BotSettings
{
    public static ApprovalPolicy ApprovalPolicy(IConfiguration configuration)
    {
        var minutes = PositiveInt(configuration, "Approvals:LifetimeMinutes", 60);
        return new ApprovalPolicy(TimeSpan.FromMinutes(minutes));
    }

    public static IReadOnlyList<UserRef> Admins(IConfiguration configuration)
    {
        var section = configuration.GetSection("Access:Admins");
        // An environment variable gives one string ("a,b"); appsettings gives an array.
        var keys = section.Value is { } single
            ? single.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value ?? "").Where(v => v.Length > 0).ToArray();
        try
        {
            return keys.Select(UserRef.ParseKey).ToList();
        }
        catch (DomainException bad)
        {
            throw new ConfigurationProblem($"Access:Admins: {bad.Message}");
        }
    }

    public static int PositiveInt(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return int.TryParse(text, out var value) && value > 0
            ? value
            : throw new ConfigurationProblem($"{key} is '{text}'; it must be a whole number above 0.");
    }

    /// <summary>For choices such as Telephony:Provider: one of the names, any case, else a clear refusal.</summary>
    public static TEnum Choice<TEnum>(IConfiguration configuration, string key, TEnum fallback) where TEnum : struct, Enum
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        // By name only: Enum.TryParse would also take "1" as the second choice.
        foreach (var value in Enum.GetValues<TEnum>())
            if (string.Equals(value.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase)) return value;
        var names = Enum.GetNames<TEnum>();
        var choices = names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} or {names[^1]}";
        throw new ConfigurationProblem($"{key} is '{text}'; use {choices}.");
    }
}
