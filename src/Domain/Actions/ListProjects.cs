using NumbersBot.Domain.Access;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Domain.Actions;

/// <summary>The projects a person may see, by name; admins also see archived ones.</summary>
public sealed record ListProjects(Actor Actor);

public sealed record ProjectList(IReadOnlyList<Project> Projects, UserAccess Viewer);

public sealed class ListProjectsHandler(ProjectGate gate, IProjectRepository projects)
{
    public async Task<ProjectList> HandleAsync(ListProjects command, CancellationToken ct)
    {
        var viewer = await gate.AccessAsync(command.Actor, ct);
        if (!viewer.Can(AccessArea.Variants, AccessLevel.Read)) viewer.Require(AccessArea.Numbers, AccessLevel.Read);
        var all = await projects.ListAsync(ct);
        return new ProjectList(all.Where(p => !p.Archived || viewer.IsAdmin).ToList(), viewer);
    }
}
