namespace NumbersBot.Domain.Access;

public enum Role
{
    Member,
    Admin,
}

/// <summary>Per area: None hides it, Read shows it, Edit also creates, changes and deletes.</summary>
public enum AccessLevel
{
    None,
    Read,
    Edit,
}

public enum AccessArea
{
    Numbers,
    Variants,
}

/// <summary>What one person may do. Admins may do everything; members per area.</summary>
public sealed record UserAccess(UserRef User, string DisplayName, Role Role, AccessLevel Numbers, AccessLevel Variants)
{
    public static UserAccess NoAccess(Actor actor) => new(actor.User, actor.DisplayName, Role.Member, AccessLevel.None, AccessLevel.None);

    public bool IsAdmin => Role == Role.Admin;

    /// <summary>The admins to ask for more access ("Alice or Bob"), so a refusal names them; null when none is known.</summary>
    public string? AskWhom { get; init; }

    public AccessLevel LevelIn(AccessArea area) => IsAdmin ? AccessLevel.Edit : area switch
    {
        AccessArea.Numbers => Numbers,
        AccessArea.Variants => Variants,
        _ => AccessLevel.None,
    };

    public bool Can(AccessArea area, AccessLevel needed) => LevelIn(area) >= needed;

    public void Require(AccessArea area, AccessLevel needed)
    {
        if (Can(area, needed)) return;
        var what = needed == AccessLevel.Edit ? $"change {AreaNoun(area)}" : $"see {AreaNoun(area)}";
        var have = LevelIn(area) == AccessLevel.None ? "no access" : $"{LevelIn(area)} access";
        throw DomainException.Forbidden(
            $"You have {have} to {area}, and to {what} you need {needed} access. {WhomToAsk}");
    }

    public void RequireAdmin(string toDoWhat)
    {
        if (!IsAdmin) throw DomainException.Forbidden($"Only a NumbersBot admin can {toDoWhat}{(AskWhom is null ? "" : $": {AskWhom}")}.");
    }

    private string WhomToAsk => AskWhom is null
        ? "Ask a NumbersBot admin to grant it."
        : $"Ask a NumbersBot admin to grant it: {AskWhom}.";

    private static string AreaNoun(AccessArea area) => area == AccessArea.Numbers ? "phone numbers" : "variants";
}
