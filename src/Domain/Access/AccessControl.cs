namespace NumbersBot.Domain.Access;

/// <summary>The people configured as admins (Access:Admins), who are admins whatever storage says.</summary>
public sealed class BootstrapAdmins(IEnumerable<UserRef> admins)
{
    private readonly HashSet<string> _keys = admins.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);

    public bool Contains(UserRef user) => _keys.Contains(user.Key);

    public IReadOnlyCollection<string> Keys => _keys;
}

/// <summary>Works out what a person may do. Someone nobody has granted anything has no access.</summary>
public sealed class AccessControl(IAccessRepository repository, BootstrapAdmins bootstrapAdmins)
{
    public async Task<UserAccess> ForAsync(Actor actor, CancellationToken ct)
    {
        var stored = await repository.FindAsync(actor.User, ct) ?? UserAccess.NoAccess(actor);
        var access = stored with { DisplayName = actor.DisplayName };
        return bootstrapAdmins.Contains(actor.User) ? access with { Role = Role.Admin } : access;
    }
}
