using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Domain.Actions;

/// <summary>An admin archives a project that has no numbers left: it is no longer listed, and its history stays.</summary>
public sealed record ArchiveProject(Actor Actor, string Project);

public sealed record ProjectArchived(Project Project);

public sealed class ArchiveProjectHandler(ProjectAdministration administration, INumberRepository numbers)
{
    public async Task<ProjectArchived> HandleAsync(ArchiveProject command, CancellationToken ct)
    {
        var project = await administration.OpenAsync(command.Actor, command.Project, "archive a project", ct);
        var held = (await numbers.CountAsync(project.Id, ct)).Total;
        // Archiving must not hide numbers someone still pays for.
        if (held > 0)
            throw DomainException.Conflict(
                $"Project '{project.Name}' still has {held} phone number{(held == 1 ? "" : "s")}; delete them first, then archive it.");
        project.Archive();
        await administration.SaveAsync(command.Actor, project, AuditActions.ProjectArchived, "active", "archived", ct);
        return new ProjectArchived(project);
    }
}
