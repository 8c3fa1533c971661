using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Domain.Actions;

/// <summary>An admin creates a project by name; SIP addresses and telephony are set afterwards.</summary>
public sealed record CreateProject(Actor Actor, string Name, bool UsesVariants);

public sealed record ProjectCreated(Project Project);

public sealed class CreateProjectHandler(
    ProjectGate gate, ProjectAdministration administration, IProjectRepository projects, IUnitOfWork unitOfWork, AuditLog audit)
{
    public async Task<ProjectCreated> HandleAsync(CreateProject command, CancellationToken ct)
    {
        (await gate.AccessAsync(command.Actor, ct)).RequireAdmin("create a project");
        var name = Project.CleanName(command.Name);
        await administration.EnsureNameFreeAsync(name, null, ct);
        var id = await FreeIdAsync(Project.IdFrom(name), ct);
        var project = new Project(id, name, TelephonyIntegration.None, new Dictionary<AgentEnvironment, SipAddresses>(), command.UsesVariants);

        await using var work = await unitOfWork.BeginAsync(ct);
        await projects.AddAsync(project, ct);
        await audit.RecordAsync(command.Actor,
            new AuditedChange(AuditActions.ProjectCreated, project.Id, After: $"{project.Name} (id {project.Id}), {(project.UsesVariants ? "uses variants" : "no variants")}, {ProjectAdministration.Describe(project.Integration)}"), ct);
        await work.CommitAsync(ct);
        return new ProjectCreated(project);
    }

    /// <summary>"acme", then "acme-2", …: ids are stable, so a name reused after an archive gets a fresh one.</summary>
    private async Task<string> FreeIdAsync(string wanted, CancellationToken ct)
    {
        var taken = (await projects.ListAsync(ct)).Select(p => p.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var id = wanted;
        for (var n = 2; taken.Contains(id); n++) id = $"{wanted}-{n}";
        return id;
    }
}
