using NumbersBot.Domain.Access;

namespace NumbersBot.Domain.Actions;

/// <summary>Who may do what: everyone granted something, the configured admins, and each workspace's starting access.</summary>
public sealed record ShowAccess(Actor Actor);

/// <summary><paramref name="Configured"/>: an admin through Access:Admins, whom only configuration changes.</summary>
public sealed record PersonAccess(UserAccess Access, bool Configured, bool IsViewer);

public sealed record AccessList(IReadOnlyList<PersonAccess> People, IReadOnlyList<StartingAccess> Defaults, UserAccess Viewer);

public sealed class ShowAccessHandler(AccessControl access)
{
    public async Task<AccessList> HandleAsync(ShowAccess command, CancellationToken ct)
    {
        var (viewer, everyone) = await access.WithEveryoneAsync(command.Actor, ct);
        viewer.RequireAdmin("see and change who has access");
        var people = everyone
            .Select(p => new PersonAccess(p, access.IsConfiguredAdmin(p.User), p.User == command.Actor.User))
            .ToList();
        return new AccessList(people, access.Defaults.All, viewer);
    }
}
