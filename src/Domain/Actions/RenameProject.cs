using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Domain.Actions;

/// <summary>An admin renames a project; its id, numbers and history stay.</summary>
public sealed record RenameProject(Actor Actor, string Project, string NewName);

public sealed record ProjectRenamed(Project Project, string Before);

public sealed class RenameProjectHandler(ProjectAdministration administration)
{
    public async Task<ProjectRenamed> HandleAsync(RenameProject command, CancellationToken ct)
    {
        var project = await administration.OpenAsync(command.Actor, command.Project, "rename a project", ct);
        var before = project.Name;
        var name = Project.CleanName(command.NewName);
        if (name == before) return new ProjectRenamed(project, before);
        await administration.EnsureNameFreeAsync(name, project.Id, ct);
        project.Rename(name);
        await administration.SaveAsync(command.Actor, project, AuditActions.ProjectRenamed, before, project.Name, ct);
        return new ProjectRenamed(project, before);
    }
}
