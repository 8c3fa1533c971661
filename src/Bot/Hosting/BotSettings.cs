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
        // An environment variable gives one string ("a,b"); appsettings gives an array (whose section may read as "").
        var keys = section.Value is { Length: > 0 } single
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

    /// <summary>
    /// Access:Defaults:&lt;teams|slack&gt;:&lt;tenant or team id&gt;:Numbers (and :Variants) = None, Read or Edit;
    /// Access:Defaults:local:Numbers for the local chat. A level left out is None.
    /// </summary>
    public static AccessDefaults AccessDefaults(IConfiguration configuration)
    {
        var starting = new List<StartingAccess>();
        foreach (var channel in configuration.GetSection("Access:Defaults").GetChildren())
        {
            var scopes = channel.Key.Equals("local", StringComparison.OrdinalIgnoreCase) ? [channel] : channel.GetChildren().ToList();
            foreach (var scope in scopes)
            {
                var path = scope.Path;
                if (scope.Value is { Length: > 0 } && !scope.GetChildren().Any())
                    throw new ConfigurationProblem($"{path} needs a workspace: Access:Defaults:{channel.Key}:<tenant or team id>:Numbers = None, Read or Edit.");
                string key;
                try
                {
                    key = StartingAccess.ParseScope(scope == channel ? "local" : $"{channel.Key.ToLowerInvariant()}:{scope.Key}");
                }
                catch (DomainException bad)
                {
                    throw new ConfigurationProblem($"{path}: {bad.Message}");
                }
                var unknown = scope.GetChildren().Select(c => c.Key)
                    .FirstOrDefault(k => !k.Equals("Numbers", StringComparison.OrdinalIgnoreCase) && !k.Equals("Variants", StringComparison.OrdinalIgnoreCase));
                if (unknown is not null) throw new ConfigurationProblem($"{path}:{unknown} is not a setting; use {path}:Numbers and {path}:Variants.");
                starting.Add(new StartingAccess(key,
                    Choice(configuration, $"{path}:Numbers", AccessLevel.None), Choice(configuration, $"{path}:Variants", AccessLevel.None)));
            }
        }
        return new AccessDefaults(starting);
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
        return EnumNames.TryParse<TEnum>(text, out var value)
            ? value
            : throw new ConfigurationProblem($"{key} is '{text}'; use {EnumNames.Choices<TEnum>()}.");
    }
}
