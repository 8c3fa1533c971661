using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>
/// Show a project's numbers per environment, as the Numbers page does: one page of each (the asked page of
/// <paramref name="PagedEnvironment"/>, the first of the others), and <paramref name="Number"/> wherever it is. With a
/// <paramref name="Filter"/>, only the numbers that match it (<see cref="Matches"/>).
/// </summary>
public sealed record ShowNumbers(
    Actor Actor, string? Project, AgentEnvironment? PagedEnvironment = null, int Page = 0, Guid? Number = null, string? Filter = null)
{
    /// <summary>Rows per environment on one card; keeps a card of three full environments well under 40 KB.</summary>
    public const int PageSize = 10;

    /// <summary>Digits (spaces, dashes, + and brackets aside) match anywhere in the E.164; anything else, the variant's name.</summary>
    public static bool Matches(PhoneNumber number, string? variantName, string filter)
    {
        var digits = new string(filter.Where(char.IsAsciiDigit).ToArray());
        return digits.Length > 0 && filter.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')')
            ? number.E164.Contains(digits, StringComparison.Ordinal)
            : variantName?.Contains(filter.Trim(), StringComparison.OrdinalIgnoreCase) ?? false;
    }
}

public sealed record NumberRow(
    Guid Id, PhoneNumber Number, NumberSource Source, bool Simulated, string? VariantName, int Version, Guid? PendingApprovalId,
    Reachability Reachability = Reachability.Routed, string? Problem = null);

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
        var catalog = await variants.GetAsync(project.Id, ct);
        // A search reads the project's list and keeps the matches; the plain card stays one page per environment in SQL.
        var matches = string.IsNullOrWhiteSpace(command.Filter) ? null
            : (await numbers.ListAsync(project.Id, ct)).Where(n => ShowNumbers.Matches(n.Number, catalog.NameOf(n.VariantId), command.Filter))
                .OrderBy(n => n.Number.E164, StringComparer.Ordinal).ToList();
        int Count(AgentEnvironment e) => matches?.Count(n => n.Environment == e) ?? counts.In(e);
        var starts = AgentEnvironments.All.Select(e => new PageStart(e, FirstIndex(Count(e), e == command.PagedEnvironment ? command.Page : 0))).ToList();
        var rows = matches is null ? await numbers.PageAsync(project.Id, starts, ShowNumbers.PageSize, ct)
            : [.. starts.SelectMany(s => matches.Where(n => n.Environment == s.Environment).Skip(s.Offset).Take(ShowNumbers.PageSize))];
        var focused = command.Number is { } id ? rows.FirstOrDefault(n => n.Id == id) ?? await numbers.FindAsync(id, ct) : null;
        if (focused is not null && focused.ProjectId != project.Id) focused = null;
        var now = clock.GetUtcNow();
        var pending = (await approvals.ListPendingAsync(project.Id, ct)).Where(a => !a.IsOverdue(now)).ToDictionary(a => a.NumberId, a => a.Id);
        NumberRow Row(ProjectNumber n) => new(n.Id, n.Number, n.Source, n.Simulated, catalog.NameOf(n.VariantId), n.Version,
            pending.TryGetValue(n.Id, out var approvalId) ? approvalId : null, n.Reachability, n.Problem);

        var sections = starts.Select(start => new EnvironmentNumbers(
                start.Environment,
                project.SipOrNull(start.Environment),
                rows.Where(n => n.Environment == start.Environment).Select(Row).ToList(),
                catalog.PublishedTo(start.Environment),
                Count(start.Environment),
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
