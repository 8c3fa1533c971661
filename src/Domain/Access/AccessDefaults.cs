namespace NumbersBot.Domain.Access;

/// <summary>
/// The access every member of one Teams tenant, Slack workspace or the local chat starts with (Access:Defaults),
/// until an admin grants them something else. Scope: "teams:&lt;tenant id&gt;", "slack:&lt;team id&gt;" or "local".
/// </summary>
public sealed record StartingAccess(string Scope, AccessLevel Numbers, AccessLevel Variants)
{
    public static string ScopeOf(UserRef user) =>
        user.Scope.Length == 0 ? user.Channel : $"{user.Channel}:{user.Scope}";

    /// <summary>"slack:T1", "teams:&lt;tenant&gt;" (any case) or "local", as configuration spells it.</summary>
    public static string ParseScope(string text)
    {
        var parts = (text ?? "").Trim().Split(':');
        return parts switch
        {
            ["local"] => "local",
            ["teams", var tenant] when tenant.Trim().Length > 0 => ScopeOf(UserRef.Teams(tenant, "x")),
            ["slack", var team] when team.Trim().Length > 0 => ScopeOf(UserRef.Slack(team, "x")),
            _ => throw DomainException.Invalid($"'{text}' is not a workspace. Use teams:<tenant id>, slack:<team id> or local."),
        };
    }

    /// <summary>Who it applies to, in words for the access card.</summary>
    public string Describe() => Scope switch
    {
        "local" => "Everyone in the local chat",
        _ when Scope.StartsWith("teams:", StringComparison.Ordinal) => $"Everyone in Teams tenant {Scope[6..]}",
        _ => $"Everyone in Slack workspace {Scope[6..]}",
    };
}

public sealed class AccessDefaults(IEnumerable<StartingAccess> starting)
{
    private readonly Dictionary<string, StartingAccess> _byScope = starting.ToDictionary(s => s.Scope, StringComparer.Ordinal);

    public static AccessDefaults None { get; } = new([]);

    public IReadOnlyList<StartingAccess> All => _byScope.Values.OrderBy(s => s.Scope, StringComparer.Ordinal).ToList();

    /// <summary>What someone with no grant of their own may do: their workspace's starting access, or nothing.</summary>
    public UserAccess For(UserRef user, string displayName) =>
        _byScope.TryGetValue(StartingAccess.ScopeOf(user), out var start)
            ? new UserAccess(user, displayName, Role.Member, start.Numbers, start.Variants)
            : new UserAccess(user, displayName, Role.Member, AccessLevel.None, AccessLevel.None);
}
