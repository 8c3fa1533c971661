using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;

namespace NumbersBot.Bot.Cards.Views;

/// <summary>One person on the access card. <paramref name="Configured"/>: an admin through Access:Admins, changed only there.</summary>
public sealed record PersonView(string Key, string Name, string Role, string Numbers, string Variants, bool Configured, string? Note)
{
    public static PersonView From(PersonAccess person) => From(person.Access, person.Configured,
        person.Configured ? "admin through the Access:Admins setting" : person.IsViewer ? "you" : null);

    public static PersonView From(UserAccess access, bool configured = false, string? note = null) => new(
        access.User.Key, access.DisplayName, access.Role.ToString(), Level(access, AccessArea.Numbers), Level(access, AccessArea.Variants),
        configured, note);

    private static string Level(UserAccess access, AccessArea area) => access.LevelIn(area).ToString();
}

/// <summary>Who may do what, for admins: people with their role and levels, and each workspace's starting access.</summary>
public sealed record AccessView(int Count, IReadOnlyList<PersonView> People, IReadOnlyList<Fact> Defaults, Notice? Notice)
{
    public static AccessView From(AccessList list, Notice? notice = null) => new(
        list.People.Count,
        list.People.Select(PersonView.From).ToList(),
        list.Defaults.Select(d => new Fact(d.Describe(), $"Numbers {d.Numbers}, Variants {d.Variants}")).ToList(),
        notice);
}

/// <summary>
/// Grant access to someone (<paramref name="Person"/> null: chosen with the channel's people picker, or typed) or change
/// one person's. <paramref name="ErrorField"/>: the input the error belongs under (Slack shows it there).
/// </summary>
public sealed record AccessFormView(
    PersonView? Person, string TypedHint, IReadOnlyList<Choice> Roles, IReadOnlyList<Choice> Levels,
    Choice Role, Choice Numbers, Choice Variants, string? Error, string ErrorField)
{
    public static AccessFormView For(string channel, UserAccess? person, string? error = null, string? errorField = null)
    {
        var hint = channel switch
        {
            Channels.Teams.TeamsChannel.Name => "Or type their Microsoft Entra object id (Teams on phones has no people picker in cards)",
            Channels.Slack.SlackChannel.Name => "Or type their Slack member id (U…)",
            _ => "Their name in the local chat (alice, bob, carol, dave, erin)",
        };
        var role = person?.Role ?? Domain.Access.Role.Member;
        return new AccessFormView(
            person is null ? null : PersonView.From(person),
            hint,
            Enum.GetValues<Domain.Access.Role>().Select(r => Choice(r)).ToList(),
            Enum.GetValues<AccessLevel>().Select(l => Choice(l)).ToList(),
            Choice(role),
            Choice(person?.Numbers ?? AccessLevel.Read),
            Choice(person?.Variants ?? AccessLevel.None),
            error,
            errorField ?? (person is null ? "user" : "role"));
    }

    private static Choice Choice<T>(T value) where T : struct, Enum => new(value.ToString(), value.ToString());
}
