using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Cards.Views;

public sealed record ProjectRef(string Id, string Name);

/// <summary>A line above a card; <see cref="TestCalls"/>: after a routing change, a Test call button per number it affected.</summary>
public sealed record Notice(string Text, string Style)
{
    public IReadOnlyList<TestCallOffer> TestCalls { get; init; } = [];

    public static Notice Good(string text) => new(text, "good");
    public static Notice Attention(string text) => new(text, "attention");
}

/// <summary>A callout, with the title of the button that clears it (publishing) when the viewer may press it.</summary>
public sealed record CalloutView(string Title, string Text, string? Action)
{
    public static IReadOnlyList<CalloutView> From(IEnumerable<Callout> callouts, bool mayPublish) =>
        callouts.Select(c => new CalloutView(c.Title, c.Text, mayPublish ? "Publish the project" : null)).ToList();
}

public sealed record SipView(string Main, string Fallback);

public sealed record VariantChoice(string Id, string Name);

/// <summary>A number's row. <paramref name="PendingApprovalId"/>: the deletion request it awaits, empty when none.</summary>
/// <param name="NotRouted">Calls may not reach the agent; <paramref name="Routing"/> says why ("" when routed).</param>
/// <param name="IsNew">The number this turn added or connected, marked so the eye finds it.</param>
public sealed record NumberView(
    string Id, string E164, string Display, string Source, string Variant, int Version, bool PendingApproval, bool Simulated,
    bool NotRouted, string Routing, string PendingApprovalId = "", bool IsNew = false);

public sealed record EnvironmentView(
    string Key, string Name, bool IsLive, int Count, SipView Sip, IReadOnlyList<NumberView> Numbers,
    int Page, int Pages, string PageLabel, bool HasPrevious, bool HasNext, int PreviousPage, int NextPage,
    bool CanAdd, IReadOnlyList<VariantChoice> Variants);

/// <summary>
/// The numbers card: one section per environment, each paginated so the card stays small. <paramref name="Filter"/>: only
/// the numbers whose digits or variant match it are listed (empty: all).
/// </summary>
public sealed record NumbersView(
    ProjectRef Project, string Viewer, bool CanEdit, bool UsesVariants, IReadOnlyList<CalloutView> Callouts,
    Notice? Notice, IReadOnlyList<EnvironmentView> Environments, string Filter = "")
{
    public const int PageSize = ShowNumbers.PageSize;

    /// <param name="added">The number just added or connected: its row is marked new.</param>
    public static NumbersView From(
        NumbersPage page, Notice? notice = null, AgentEnvironment? pagedEnvironment = null, int pageIndex = 0, string? filter = null, Guid? added = null)
    {
        var canEdit = page.ViewerCanEdit;
        var search = filter?.Trim() ?? "";
        return new NumbersView(
            new ProjectRef(page.Project.Id, page.Project.Name),
            page.Viewer.DisplayName,
            canEdit,
            page.UsesVariants,
            CalloutView.From(page.Callouts, page.Viewer.Can(AccessArea.Variants, AccessLevel.Edit)),
            notice,
            page.Environments.Select(e => Section(e, canEdit, e.Environment == pagedEnvironment ? pageIndex : 0, search, added)).ToList(),
            search);
    }

    private static EnvironmentView Section(EnvironmentNumbers environment, bool canEdit, int requestedPage, string filter, Guid? added)
    {
        var count = environment.Count;
        var pages = Math.Max(1, (count + PageSize - 1) / PageSize);
        var page = Math.Clamp(requestedPage, 0, pages - 1);
        // The rows given start at FirstIndex: the handler fetched this page, or the whole list was given.
        var rows = environment.Numbers.Skip(Math.Max(0, page * PageSize - environment.FirstIndex)).Take(PageSize)
            .Select(n => Row(n) with { IsNew = n.Id == added }).ToList();
        var label = count == 0 ? (filter.Length > 0 ? $"No numbers match '{filter}'" : "No numbers yet")
            : pages == 1 ? $"{count} number{(count == 1 ? "" : "s")}"
            : $"Numbers {page * PageSize + 1}–{page * PageSize + rows.Count} of {count}";
        return new EnvironmentView(
            environment.Environment.ToString(), environment.Environment.DisplayName(), environment.Environment == AgentEnvironment.Live,
            count, new SipView(environment.Sip?.Main ?? "not set yet", environment.Sip?.Fallback ?? "not set yet"), rows,
            page, pages, label, page > 0, page < pages - 1, Math.Max(0, page - 1), Math.Min(pages - 1, page + 1),
            canEdit, environment.AssignableVariants.Select(v => new VariantChoice(v.Id, v.Name)).ToList());
    }

    internal static NumberView Row(NumberRow row) => new(
        row.Id.ToString(), row.Number.E164, row.Number.Display, row.Source.DisplayName() + (row.Simulated ? " (simulated)" : ""),
        row.VariantName ?? "—", row.Version, row.PendingApprovalId is not null, row.Simulated,
        row.Reachability != Reachability.Routed, RoutingNote(row.Reachability, row.Problem),
        row.PendingApprovalId?.ToString() ?? "");

    /// <summary>Never presents a number as working unless the provider confirmed it.</summary>
    internal static string RoutingNote(Reachability reachability, string? problem) => reachability switch
    {
        Reachability.Routed => "",
        Reachability.Routing => "Routing…",
        Reachability.Unreachable => $"Not reachable: {problem ?? "the provider did not confirm its routing."}",
        _ => problem is null ? "Being removed…" : $"Being removed; not confirmed yet: {problem}",
    };
}
