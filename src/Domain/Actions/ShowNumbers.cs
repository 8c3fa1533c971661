using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>
/// Show a project's numbers per environment, as the Numbers page does: one page of each (the asked page of
/// <paramref name="PagedEnvironment"/>, the first of the others), and <paramref name="Number"/> wherever it is.
/// </summary>
public sealed record ShowNumbers(Actor Actor, string? Project, AgentEnvironment? PagedEnvironment = null, int Page = 0, Guid? Number = null)
{
    /// <summary>Rows per environment on one card; keeps a card of three full environments well under 40 KB.</summary>
    public const int PageSize = 10;
}

public sealed record NumberRow(
    Guid Id, PhoneNumber Number, NumberSource Source, bool Simulated, string? VariantName, int Version, Guid? PendingApprovalId);

/// <summary>
/// One environment's numbers from <paramref name="FirstIndex"/> on (all of them when built from a whole list);
/// <see cref="Count"/> is how many it has in all.
/// </summary>
public sealed record EnvironmentNumbers(
    AgentEnvironment Environment, SipAddresses? Sip, IReadOnlyList<NumberRow> Numbers, IReadOnlyList<Variant> AssignableVariants,
    int? Total = null, int FirstIndex = 0)
{
    public int Count => Total ?? Numbers.Count;
}

public sealed record NumbersPage(
    Project Project, bool UsesVariants, IReadOnlyList<Callout> Callouts, IReadOnlyList<EnvironmentNumbers> Environments, UserAccess Viewer,
    NumberRow? Focused = null, AgentEnvironment? FocusedIn = null)
{
    public bool ViewerCanEdit => Viewer.Can(AccessArea.Numbers, AccessLevel.Edit);
}

public sealed class ShowNumbersHandler(
    ProjectGate gate, INumberRepository numbers, IVariantCatalogRepository variants, IApprovalRepository approvals, TimeProvider clock)
{
    public async Task<NumbersPage> HandleAsync(ShowNumbers command, CancellationToken ct)
    {
        var (project, viewer) = await gate.OpenAsync(command.Actor, command.Project, AccessArea.Numbers, AccessLevel.Read, ct);
        // Sized to the card: counts, then one page per environment; never the whole project.
        var counts = await numbers.CountAsync(project.Id, ct);
        var starts = AgentEnvironments.All.Select(e => new PageStart(e, FirstIndex(counts.In(e), e == command.PagedEnvironment ? command.Page : 0))).ToList();
        var rows = await numbers.PageAsync(project.Id, starts, ShowNumbers.PageSize, ct);
        var focused = command.Number is { } id ? rows.FirstOrDefault(n => n.Id == id) ?? await numbers.FindAsync(id, ct) : null;
        if (focused is not null && focused.ProjectId != project.Id) focused = null;
        var catalog = await variants.GetAsync(project.Id, ct);
        var now = clock.GetUtcNow();
        var pending = (await approvals.ListPendingAsync(project.Id, ct)).Where(a => !a.IsOverdue(now)).ToDictionary(a => a.NumberId, a => a.Id);
        NumberRow Row(ProjectNumber n) => new(n.Id, n.Number, n.Source, n.Simulated, catalog.NameOf(n.VariantId), n.Version,
            pending.TryGetValue(n.Id, out var approvalId) ? approvalId : null);

        var sections = starts.Select(start => new EnvironmentNumbers(
                start.Environment,
                project.SipOrNull(start.Environment),
                rows.Where(n => n.Environment == start.Environment).Select(Row).ToList(),
                catalog.PublishedTo(start.Environment),
                counts.In(start.Environment),
                start.Offset))
            .ToList();

        return new NumbersPage(project, project.UsesVariants && catalog.UsesVariants, catalog.Callouts(counts.VariantsInUse), sections, viewer,
            focused is null ? null : Row(focused), focused?.Environment);
    }

    /// <summary>The first row of the asked page, the last page when it asks past the end.</summary>
    private static int FirstIndex(int count, int page)
    {
        var pages = Math.Max(1, (count + ShowNumbers.PageSize - 1) / ShowNumbers.PageSize);
        return Math.Clamp(page, 0, pages - 1) * ShowNumbers.PageSize;
    }
}
