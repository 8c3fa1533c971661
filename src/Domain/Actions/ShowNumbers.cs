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
        var (project, viewer, read) = await gate.OpenWithCatalogAsync(command.Actor, command.Project, AccessArea.Numbers, AccessLevel.Read, ct);
        var catalog = read ?? await variants.GetAsync(project.Id, ct);
        var filter = FilterFor(command.Filter, catalog);
        // Sized to the card, in the store: counts and one page per environment (a search too), never the whole project.
        var starts = AgentEnvironments.All.Select(e => new PageStart(e, e == command.PagedEnvironment ? command.Page * ShowNumbers.PageSize : 0)).ToList();
        var card = await numbers.CardAsync(project.Id, starts, ShowNumbers.PageSize, filter, ct);
        int Count(AgentEnvironment e) => card.Matching.GetValueOrDefault(e);
        var clamped = starts.Select(s => s with { Offset = FirstIndex(Count(s.Environment), s.Offset / ShowNumbers.PageSize) }).ToList();
        // A page asked past the end (the list shrank since the card was drawn) shows the last one.
        if (clamped.Zip(starts).Any(p => p.First != p.Second && Count(p.First.Environment) > 0))
            card = await numbers.CardAsync(project.Id, clamped, ShowNumbers.PageSize, filter, ct);

        var focused = command.Number is { } id ? card.Rows.FirstOrDefault(n => n.Id == id) ?? await numbers.FindAsync(id, ct) : null;
        if (focused is not null && focused.ProjectId != project.Id) focused = null;
        var open = card.Approvals is { } withRows ? new Dictionary<Guid, OpenApproval>(withRows)
            : (await approvals.ListPendingAsync(project.Id, ct)).ToDictionary(a => a.NumberId, a => new OpenApproval(a.Id, a.ExpiresAt));
        if (focused is not null && card.Approvals is not null && !card.Rows.Contains(focused)
            && await approvals.FindPendingForNumberAsync(focused.Id, ct) is { } focusedApproval)
            open[focused.Id] = new OpenApproval(focusedApproval.Id, focusedApproval.ExpiresAt);
        var now = clock.GetUtcNow();
        NumberRow Row(ProjectNumber n) => new(n.Id, n.Number, n.Source, n.Simulated, catalog.NameOf(n.VariantId), n.Version,
            open.TryGetValue(n.Id, out var approval) && now < approval.ExpiresAt ? approval.Id : null, n.Reachability, n.Problem);

        var sections = clamped.Select(start => new EnvironmentNumbers(
                start.Environment,
                project.SipOrNull(start.Environment),
                card.Rows.Where(n => n.Environment == start.Environment).Select(Row).ToList(),
                catalog.PublishedTo(start.Environment),
                Count(start.Environment),
                start.Offset))
            .ToList();

        return new NumbersPage(project, project.UsesVariants && catalog.UsesVariants, catalog.Callouts(card.Counts.VariantsInUse), sections, viewer,
            focused is null ? null : Row(focused), focused?.Environment);
    }

    /// <summary>Digits (spaces, dashes, + and brackets aside) search the E.164; anything else, the variants' names (see <see cref="ShowNumbers.Matches"/>).</summary>
    private static NumberFilter? FilterFor(string? text, VariantCatalog catalog)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return digits.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')')
            ? new NumberFilter(digits, [])
            : new NumberFilter(null, catalog.IdsNamedLike(text.Trim()));
    }

    /// <summary>The first row of the asked page, the last page when it asks past the end.</summary>
    private static int FirstIndex(int count, int page)
    {
        var pages = Math.Max(1, (count + ShowNumbers.PageSize - 1) / ShowNumbers.PageSize);
        return Math.Clamp(page, 0, pages - 1) * ShowNumbers.PageSize;
    }
}
