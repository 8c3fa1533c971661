using NumbersBot.Domain.Access;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Domain.Actions;

/// <summary>The checks every action starts with: which project, may this person, is telephony set up.</summary>
public sealed class ProjectGate(IProjectRepository projects, AccessControl access)
{
    public Task<UserAccess> AccessAsync(Actor actor, CancellationToken ct) => access.ForAsync(actor, ct);

    public async Task<(Project Project, UserAccess Access)> OpenAsync(
        Actor actor, string? projectRef, AccessArea area, AccessLevel needed, CancellationToken ct)
    {
        var user = await access.ForAsync(actor, ct);
        user.Require(area, needed);
        var project = await ResolveAsync(projectRef, ct);
        if (needed == AccessLevel.Edit) project.EnsureActive();
        if (area == AccessArea.Numbers) project.EnsureIntegration();
        return (project, user);
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

    private async Task<string> KnownProjectsAsync(CancellationToken ct)
    {
        var all = (await projects.ListAsync(ct)).Where(p => !p.Archived).ToList();
        return all.Count == 0 ? "No projects are set up yet." : $"Projects: {string.Join(", ", all.Select(p => p.Name))}.";
    }
}
