namespace NumbersBot.Domain.Access;

/// <summary>
/// A person as one channel knows them: a Teams tenant + Entra object id, a Slack team + user id, or a local name.
/// The key ("teams:tenant:oid", "slack:T1:U1", "local:alice") is what configuration and storage use; its first part
/// is <see cref="Channel"/>, the name the channel goes by at the edge.
/// </summary>
public sealed record UserRef
{
    private const string TeamsChannel = "teams";
    private const string SlackChannel = "slack";
    private const string LocalChannel = "local";

    private UserRef(string channel, string scope, string id)
    {
        Channel = channel;
        Scope = scope;
        Id = id;
    }

    /// <summary>"teams", "slack" or "local".</summary>
    public string Channel { get; }
    public string Scope { get; }
    public string Id { get; }

    public string Key => Channel == LocalChannel ? $"{Channel}:{Id}" : $"{Channel}:{Scope}:{Id}";

    public static UserRef Teams(string tenantId, string aadObjectId) =>
        new(TeamsChannel, Require(tenantId, "tenant id").ToLowerInvariant(), Require(aadObjectId, "Entra object id").ToLowerInvariant());

    public static UserRef Slack(string teamId, string userId) =>
        new(SlackChannel, Require(teamId, "team id"), Require(userId, "user id"));

    public static UserRef Local(string name) => new(LocalChannel, "", Require(name, "name").ToLowerInvariant());

    public static UserRef ParseKey(string key)
    {
        var parts = (key ?? "").Trim().Split(':');
        return parts switch
        {
            [var c, var tenant, var user] when c.Equals(TeamsChannel, StringComparison.OrdinalIgnoreCase) => Teams(tenant, user),
            [var c, var team, var user] when c.Equals(SlackChannel, StringComparison.OrdinalIgnoreCase) => Slack(team, user),
            [var c, var name] when c.Equals(LocalChannel, StringComparison.OrdinalIgnoreCase) => Local(name),
            _ => throw DomainException.Invalid(
                $"'{key}' is not a user key. Use teams:<tenant id>:<Entra object id>, slack:<team id>:<user id> or local:<name>."),
        };
    }

    /// <summary>
    /// A person as a people picker or someone typing names them: a whole key, or else an id in the same Teams tenant
    /// or Slack workspace as <paramref name="near"/> (a name, in the local chat).
    /// </summary>
    public static UserRef Resolve(string? text, UserRef near)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0) throw DomainException.Invalid("Choose a person, or type their id.");
        if (trimmed.Contains(':')) return ParseKey(trimmed);
        return near.Channel switch
        {
            TeamsChannel => Teams(near.Scope, trimmed),
            SlackChannel => Slack(near.Scope, trimmed.TrimStart('@')),
            _ => Local(trimmed),
        };
    }

    /// <summary>
    /// The person when no one has their name: the id as their channel calls it (what a Slack profile's "Copy member ID"
    /// gives, what Microsoft Entra lists), so a colleague can look them up there. A local name is a name.
    /// </summary>
    public string ById => Channel switch
    {
        SlackChannel => $"the Slack member with member ID {Id}",
        TeamsChannel => $"the Teams user with Microsoft Entra object id {Id}",
        _ => Id,
    };

    public override string ToString() => Key;

    private static string Require(string value, string what)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Contains(':'))
            throw DomainException.Invalid($"A user's {what} is missing or malformed.");
        return trimmed;
    }
}

/// <summary>Who is asking, with the name to show in audit entries and cards.</summary>
public sealed record Actor(UserRef User, string DisplayName)
{
    public string Channel => User.Channel;

    /// <summary>For changes nobody clicked, such as an approval expiring.</summary>
    public static Actor System { get; } = new(UserRef.Local("numbersbot"), "NumbersBot");
}
