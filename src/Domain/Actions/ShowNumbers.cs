using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>Show a project's numbers per environment, as the Numbers page does.</summary>
public sealed record ShowNumbers(Actor Actor, string? Project);

public sealed record NumberRow(
    Guid Id, PhoneNumber Number, NumberSource Source, bool Simulated, string? VariantName, int Version, Guid? PendingApprovalId);

public sealed record EnvironmentNumbers(
    AgentEnvironment Environment, SipAddresses? Sip, IReadOnlyList<NumberRow> Numbers, IReadOnlyList<Variant> AssignableVariants);

public sealed record NumbersPage(
    Project Project, bool UsesVariants, IReadOnlyList<Callout> Callouts, IReadOnlyList<EnvironmentNumbers> Environments, UserAccess Viewer)
{
    public bool ViewerCanEdit => Viewer.Can(AccessArea.Numbers, AccessLevel.Edit);
}

public sealed class ShowNumbersHandler(
    ProjectGate gate, INumberRepository numbers, IVariantCatalogRepository variants, IApprovalRepository approvals, TimeProvider clock)
{
    public async Task<NumbersPage> HandleAsync(ShowNumbers command, CancellationToken ct)
    {
        var (project, viewer) = await gate.OpenAsync(command.Actor, command.Project, AccessArea.Numbers, AccessLevel.Read, ct);
        var all = await numbers.ListAsync(project.Id, ct);
        var catalog = await variants.GetAsync(project.Id, ct);
        var now = clock.GetUtcNow();
        var pending = (await approvals.ListPendingAsync(project.Id, ct)).Where(a => !a.IsOverdue(now)).ToDictionary(a => a.NumberId, a => a.Id);

        var sections = AgentEnvironments.All.Select(environment => new EnvironmentNumbers(
                environment,
                project.SipOrNull(environment),
                all.Where(n => n.Environment == environment)
                    .OrderBy(n => n.Number.E164, StringComparer.Ordinal)
                    .Select(n => new NumberRow(n.Id, n.Number, n.Source, n.Simulated, catalog.NameOf(n.VariantId), n.Version,
                        pending.TryGetValue(n.Id, out var approvalId) ? approvalId : null))
                    .ToList(),
                catalog.PublishedTo(environment)))
            .ToList();

        return new NumbersPage(project, project.UsesVariants && catalog.UsesVariants, catalog.Callouts(all.Select(n => n.VariantId)), sections, viewer);
    }
}
