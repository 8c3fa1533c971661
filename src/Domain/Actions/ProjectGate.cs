using NumbersBot.Domain.Access;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>
/// What an action starts with, read together: the asker's stored access with every stored or configured admin's (so a
/// refusal can name them), the project meant (by id, or name ignoring case; an id wins), and its variant catalog when
/// asked. A database answers in one round trip.
/// </summary>
public interface IGateReads
{
    Task<GateRead> ReadAsync(UserRef asker, IReadOnlyCollection<string> configuredAdmins, string projectRef, bool withCatalog, CancellationToken ct);
}

/// <param name="Catalog">The project's catalog when asked for (empty when none is stored; a store may read it alongside anyway), else null.</param>
public sealed record GateRead(IReadOnlyList<UserAccess> People, Project? Project, VariantCatalog? Catalog);

/// <summary>The checks every action starts with: which project, may this person, is telephony set up.</summary>
public sealed class ProjectGate(IProjectRepository projects, AccessControl access, IGateReads? reads = null)
{
    public Task<UserAccess> AccessAsync(Actor actor, CancellationToken ct) => access.ForAsync(actor, ct);

    public async Task<(Project Project, UserAccess Access)> OpenAsync(
        Actor actor, string? projectRef, AccessArea area, AccessLevel needed, CancellationToken ct)
    {
        var (project, user, _) = await OpenAsync(actor, projectRef, area, needed, withCatalog: false, ct);
        return (project, user);
    }

    /// <summary>As above, with the project's variant catalog when the store read it in the same round trip (else null).</summary>
    public async Task<(Project Project, UserAccess Access, VariantCatalog? Catalog)> OpenAsync(
        Actor actor, string? projectRef, AccessArea area, AccessLevel needed, bool withCatalog, CancellationToken ct)
    {
        if (reads is null || string.IsNullOrWhiteSpace(projectRef))
        {
            var user = await access.ForAsync(actor, ct);
            user.Require(area, needed);
            return (Checked(await ResolveAsync(projectRef, ct), area, needed), user, null);
        }
        var key = projectRef.Trim();
        var read = await reads.ReadAsync(actor.User, access.ConfiguredAdmins, key, withCatalog, ct);
        var asker = await access.FromAsync(actor, read.People, ct);
        asker.Require(area, needed);
        var project = read.Project ?? throw DomainException.NotFound($"There is no project '{key}'. {await KnownProjectsAsync(ct)}");
        return (Checked(project, area, needed), asker, read.Catalog);
    }

    /// <summary>With no project named, the only active project is meant; with several, the person must say which.</summary>
    public async Task<Project> ResolveAsync(string? projectRef, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(projectRef))
        {
            return await projects.FindAsync(projectRef.Trim(), ct) ?? throw DomainException.NotFound(
                $"There is no project '{projectRef.Trim()}'. {await KnownProjectsAsync(ct)}");
        }
        var all = (await projects.ListAsync(ct)).Where(p => !p.Archived).ToList();
        return all.Count switch
        {
            1 => all[0],
            0 => throw DomainException.NotFound("No projects are set up yet."),
            _ => throw DomainException.Invalid($"Which project? {await KnownProjectsAsync(ct)}"),
        };
    }

    private static Project Checked(Project project, AccessArea area, AccessLevel needed)
    {
        if (needed == AccessLevel.Edit) project.EnsureActive();
        if (area == AccessArea.Numbers) project.EnsureIntegration();
        return project;
    }

    private async Task<string> KnownProjectsAsync(CancellationToken ct)
    {
        var all = (await projects.ListAsync(ct)).Where(p => !p.Archived).ToList();
        return all.Count == 0 ? "No projects are set up yet." : $"Projects: {string.Join(", ", all.Select(p => p.Name))}.";
    }
}
