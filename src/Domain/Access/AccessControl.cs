namespace NumbersBot.Domain.Access;

/// <summary>The people configured as admins (Access:Admins), who are admins whatever storage says.</summary>
public sealed class BootstrapAdmins(IEnumerable<UserRef> admins)
{
    private readonly HashSet<string> _keys = admins.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);

    public bool Contains(UserRef user) => _keys.Contains(user.Key);

    public IReadOnlyCollection<string> Keys => _keys;
}

/// <summary>
/// Works out what a person may do: their own grant, else their workspace's starting access (Access:Defaults),
/// else nothing. Configured admins are admins whatever storage says.
/// </summary>
public sealed class AccessControl(
    IAccessRepository repository, BootstrapAdmins bootstrapAdmins, AccessDefaults? defaults = null, IPeopleDirectory? directory = null)
{
    private readonly AccessDefaults _defaults = defaults ?? AccessDefaults.None;

    public AccessDefaults Defaults => _defaults;

    /// <summary>The asker's access; someone who is not an admin also learns whom to ask for more.</summary>
    public async Task<UserAccess> ForAsync(Actor actor, CancellationToken ct)
    {
        var stored = await repository.FindAsync(actor.User, ct);
        await NameIfPickedAsync(actor, stored, ct);
        var access = Effective(actor.User, stored, actor.DisplayName);
        return access.IsAdmin ? access : access with { AskWhom = await AskWhomAsync(ct) };
    }

    /// <summary>The configured admins' keys, for a store that reads the admins together with the asker.</summary>
    public IReadOnlyCollection<string> ConfiguredAdmins => bootstrapAdmins.Keys;

    /// <summary>
    /// As <see cref="ForAsync"/>, from rows already read: the asker's own (if stored) and every stored or configured
    /// admin's, which is all a refusal's "ask whom" needs.
    /// </summary>
    public async Task<UserAccess> FromAsync(Actor actor, IReadOnlyList<UserAccess> people, CancellationToken ct)
    {
        var stored = people.FirstOrDefault(p => p.User.Key == actor.User.Key);
        await NameIfPickedAsync(actor, stored, ct);
        var access = Effective(actor.User, stored, actor.DisplayName);
        return access.IsAdmin ? access : access with { AskWhom = AdminNames(await EveryoneAsync(people, ct)) };
    }

    /// <summary>The asker's access and everyone's (as <see cref="EveryoneAsync"/>), from one read of the stored list.</summary>
    public async Task<(UserAccess Viewer, IReadOnlyList<UserAccess> Everyone)> WithEveryoneAsync(Actor actor, CancellationToken ct)
    {
        var stored = await repository.ListAsync(ct);
        var viewer = await FromAsync(actor, stored, ct);
        // The asker's row as FromAsync just named it, so the list shows them as the stored list now does.
        var named = stored.Select(p => p.User.Key == actor.User.Key && p.DisplayName == actor.User.Id ? p with { DisplayName = actor.DisplayName } : p).ToList();
        return (viewer, await EveryoneAsync(named, ct));
    }

    // Someone granted by a picked id (Teams' picker gives no name) is stored under it until they first turn up.
    private async Task NameIfPickedAsync(Actor actor, UserAccess? stored, CancellationToken ct)
    {
        if (stored is not null && stored.DisplayName == actor.User.Id && actor.DisplayName != actor.User.Id)
            await repository.NameAsync(actor.User, actor.User.Id, actor.DisplayName, ct);
    }

    public async Task<UserAccess> EffectiveAsync(UserRef user, string? displayName, CancellationToken ct) =>
        Effective(user, await repository.FindAsync(user, ct), displayName);

    private UserAccess Effective(UserRef user, UserAccess? stored, string? displayName)
    {
        var access = stored is null ? _defaults.For(user, displayName ?? user.Id)
            : displayName is null ? stored : stored with { DisplayName = displayName };
        return IsConfiguredAdmin(user) ? access with { Role = Role.Admin } : access;
    }

    public bool IsConfiguredAdmin(UserRef user) => bootstrapAdmins.Contains(user);

    /// <summary>Everyone stored, and the configured admins (by the name storage knows, else their id), admins first.</summary>
    public async Task<IReadOnlyList<UserAccess>> EveryoneAsync(CancellationToken ct) => await EveryoneAsync(await repository.ListAsync(ct), ct);

    private async Task<List<UserAccess>> EveryoneAsync(IReadOnlyList<UserAccess> stored, CancellationToken ct)
    {
        var known = stored.Select(a => a.User.Key).ToHashSet(StringComparer.Ordinal);
        var configuredOnly = new List<UserAccess>();
        foreach (var admin in bootstrapAdmins.Keys.Where(k => !known.Contains(k)).Select(UserRef.ParseKey))
        {
            // Never met, so storage has no name: ask their channel before falling back to the id.
            var name = directory is null ? null : await directory.NameOfAsync(admin, ct);
            configuredOnly.Add(new UserAccess(admin, name ?? admin.Id, Role.Admin, AccessLevel.Edit, AccessLevel.Edit));
        }
        return stored.Select(a => IsConfiguredAdmin(a.User) ? a with { Role = Role.Admin } : a)
            .Concat(configuredOnly)
            .OrderBy(a => a.IsAdmin ? 0 : 1).ThenBy(a => a.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.User.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The admins by name, for a refusal to say whom to ask: "Alice or Bob".</summary>
    public async Task<string?> AskWhomAsync(CancellationToken ct) => AdminNames(await EveryoneAsync(ct));

    private static string? AdminNames(IReadOnlyList<UserAccess> everyone)
    {
        var names = everyone.Where(a => a.IsAdmin)
            .Select(a => a.DisplayName == a.User.Id ? a.User.ById : a.DisplayName).Distinct().ToList();
        return names.Count switch
        {
            0 => null,
            1 => names[0],
            _ => $"{string.Join(", ", names[..^1])} or {names[^1]}",
        };
    }
}
