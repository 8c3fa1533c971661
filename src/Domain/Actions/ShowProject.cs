using NumbersBot.Domain.Access;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Domain.Actions;

/// <summary>A project's settings, for anyone who may see projects; only admins may change them.</summary>
public sealed record ShowProject(Actor Actor, string Project);

public sealed record ProjectSettings(Project Project, UserAccess Viewer);

public sealed class ShowProjectHandler(ProjectGate gate)
{
    public async Task<ProjectSettings> HandleAsync(ShowProject command, CancellationToken ct)
    {
        var viewer = await gate.AccessAsync(command.Actor, ct);
        if (!viewer.Can(AccessArea.Variants, AccessLevel.Read)) viewer.Require(AccessArea.Numbers, AccessLevel.Read);
        return new ProjectSettings(await gate.ResolveAsync(command.Project, ct), viewer);
    }
}
