using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Domain.Actions;

/// <summary>The steps every project setting shares: an admin opens the project, changes it, stores it with an audit entry.</summary>
public sealed class ProjectAdministration(ProjectGate gate, IProjectRepository projects, IUnitOfWork unitOfWork, AuditLog audit)
{
    public async Task<Project> OpenAsync(Actor actor, string? projectRef, string toDoWhat, CancellationToken ct) =>
        (await gate.OpenAsAdminAsync(actor, projectRef, toDoWhat, ct)).Project;

    /// <param name="alongside">More writes that must land with the change or not at all (the telephony steps it asks for).</param>
    public async Task SaveAsync(Actor actor, Project project, string action, string? before, string after, CancellationToken ct,
        Func<CancellationToken, Task>? alongside = null)
    {
        await using var work = await unitOfWork.BeginAsync(ct);
        await projects.SaveAsync(project, ct);
        await audit.RecordAsync(actor, new AuditedChange(action, project.Id, Before: before, After: after), ct);
        if (alongside is not null) await alongside(ct);
        await work.CommitAsync(ct);
    }

    /// <summary>Names are how people type projects, so no two projects share one (in any case).</summary>
    public async Task EnsureNameFreeAsync(string name, string? exceptId, CancellationToken ct)
    {
        var taken = (await projects.ListAsync(ct)).FirstOrDefault(p => p.Id != exceptId && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (taken is not null)
            throw DomainException.Conflict($"There is already a project named '{taken.Name}'{(taken.Archived ? " (archived)" : "")}; choose another name.");
    }

    internal static string Describe(TelephonyIntegration integration) => integration switch
    {
        TelephonyIntegration.PlatformPool => "the platform's number pool",
        TelephonyIntegration.CustomerTwilio => "the customer's own Twilio account",
        _ => "no telephony integration",
    };
}
