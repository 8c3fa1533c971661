namespace NumbersBot.Domain.Environments;

/// <summary>Where a project's published version runs; numbers belong to exactly one.</summary>
public enum AgentEnvironment
{
    Sandbox,
    PreRelease,
    Live,
}

public static class AgentEnvironments
{
    public static IReadOnlyList<AgentEnvironment> All { get; } =
        [AgentEnvironment.Sandbox, AgentEnvironment.PreRelease, AgentEnvironment.Live];

    public static string DisplayName(this AgentEnvironment environment) => environment switch
    {
        AgentEnvironment.Sandbox => "Sandbox",
        AgentEnvironment.PreRelease => "Pre-release",
        AgentEnvironment.Live => "Live",
        _ => throw new ArgumentOutOfRangeException(nameof(environment)),
    };

    /// <summary>The environment a promotion moves a version to, or null for Live.</summary>
    public static AgentEnvironment? PromotesTo(this AgentEnvironment environment) => environment switch
    {
        AgentEnvironment.Sandbox => AgentEnvironment.PreRelease,
        AgentEnvironment.PreRelease => AgentEnvironment.Live,
        _ => null,
    };

    /// <summary>Where the version promoted to <paramref name="environment"/> comes from; Sandbox gets versions by publishing.</summary>
    public static AgentEnvironment PromotedFrom(this AgentEnvironment environment) => environment switch
    {
        AgentEnvironment.PreRelease => AgentEnvironment.Sandbox,
        AgentEnvironment.Live => AgentEnvironment.PreRelease,
        _ => throw DomainException.Invalid("Sandbox gets a new version by publishing the drafts; promote to Pre-release or Live."),
    };

    public static bool TryParse(string? text, out AgentEnvironment environment)
    {
        var key = new string((text ?? "").Where(char.IsLetter).ToArray()).ToLowerInvariant();
        var found = All.Where(e => e.ToString().Equals(key, StringComparison.OrdinalIgnoreCase)).ToList();
        environment = found.FirstOrDefault();
        return found.Count == 1;
    }

    /// <summary>Accepts what people type: "live", "Pre-release", "prerelease", "pre_release".</summary>
    public static AgentEnvironment Parse(string? text)
    {
        var key = new string((text ?? "").Where(char.IsLetter).ToArray()).ToLowerInvariant();
        return key switch
        {
            "sandbox" => AgentEnvironment.Sandbox,
            "prerelease" => AgentEnvironment.PreRelease,
            "live" => AgentEnvironment.Live,
            _ => throw DomainException.Invalid(
                $"'{text}' is not an environment. Choose Sandbox, Pre-release or Live."),
        };
    }
}
