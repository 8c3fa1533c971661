using NumbersBot.Domain.Access;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Domain.Actions;

/// <summary>The projects a person may see, by name; admins also see archived ones.</summary>
public sealed record ListProjects(Actor Actor);

public sealed record ProjectList(IReadOnlyList<Project> Projects, UserAccess Viewer);

public sealed class ListProjectsHandler(ProjectGate gate)
{
    public async Task<ProjectList> HandleAsync(ListProjects command, CancellationToken ct)
    {
        var (viewer, all, _) = await gate.ProjectsAsync(command.Actor, conversationKey: null, ct);
        if (!viewer.Can(AccessArea.Variants, AccessLevel.Read)) viewer.Require(AccessArea.Numbers, AccessLevel.Read);
        return new ProjectList(all.Where(p => !p.Archived || viewer.IsAdmin).ToList(), viewer);
    }
}
