using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Cards.Views;

public sealed record DraftView(string Id, string Name, bool IsDefault, string Status);

/// <summary>
/// What runs in one environment. <paramref name="PromoteTo"/>: the environment key the version here can be promoted
/// to, when the viewer may (Sandbox's to Pre-release, Pre-release's to Live); else null.
/// </summary>
public sealed record RunningView(string Key, string Name, bool IsLive, string Version, string? PromoteTo, string? PromoteToName);

/// <summary>The variants card: the drafts (create, rename, delete), publishing them to Sandbox, and promoting onwards.</summary>
public sealed record VariantsView(
    ProjectRef Project, string Viewer, bool CanEdit, IReadOnlyList<CalloutView> Callouts, Notice? Notice,
    int DraftCount, IReadOnlyList<DraftView> Drafts, IReadOnlyList<RunningView> Environments)
{
    public static VariantsView From(VariantsPage page, Notice? notice = null)
    {
        var catalog = page.Catalog;
        var onSandbox = catalog.PublishedTo(AgentEnvironment.Sandbox).Select(v => v.Id).ToHashSet();
        var canEdit = page.ViewerCanEdit;
        return new VariantsView(
            new ProjectRef(page.Project.Id, page.Project.Name),
            page.Viewer.DisplayName,
            canEdit,
            CalloutView.From(page.Callouts, canEdit),
            notice,
            catalog.Drafts.Count,
            catalog.Drafts.Select(d => new DraftView(d.Id, d.Name, catalog.Default == d,
                onSandbox.Contains(d.Id) ? "on Sandbox" : "not published yet")).ToList(),
            AgentEnvironments.All.Select(e => Running(catalog, e, canEdit)).ToList());
    }

    private static RunningView Running(VariantCatalog catalog, AgentEnvironment environment, bool canEdit)
    {
        var version = catalog.Published.GetValueOrDefault(environment);
        var next = version is not null && canEdit ? environment.PromotesTo() : null;
        return new RunningView(environment.ToString(), environment.DisplayName(), environment == AgentEnvironment.Live,
            version is null ? "Nothing published yet" : $"Version {version.Number}: {Names(version)}",
            next?.ToString(), next?.DisplayName());
    }

    internal static string Names(PublishedVersion version) =>
        version.Variants.Count == 0 ? "no variants" : string.Join(", ", version.Variants.Select(v => v.Name));
}

/// <summary>Name a new draft variant (<paramref name="Variant"/> null) or rename one.</summary>
public sealed record VariantFormView(ProjectRef Project, VariantChoice? Variant, string Name, string? Error);

public sealed record AffectedNumberView(string Display, string Variant, bool KeepsVariant);

/// <summary>Promoting to Live, asked first: the version that would run there, and the numbers it would answer.</summary>
public sealed record ConfirmPromoteView(
    ProjectRef Project, EnvironmentRef From, EnvironmentRef To, string Version, string Replaces, int Count,
    IReadOnlyList<AffectedNumberView> Numbers, string? Warning)
{
    public static ConfirmPromoteView Of(PromotionPreview preview)
    {
        var losing = preview.Numbers.Where(n => !n.KeepsVariant).ToList();
        return new ConfirmPromoteView(
            new ProjectRef(preview.Project.Id, preview.Project.Name),
            EnvironmentRef.Of(preview.From),
            EnvironmentRef.Of(preview.To),
            $"Version {preview.Version.Number}: {VariantsView.Names(preview.Version)}",
            preview.Replaces is null ? "Nothing published yet" : $"Version {preview.Replaces.Number}: {VariantsView.Names(preview.Replaces)}",
            preview.Numbers.Count,
            preview.Numbers.Select(n => new AffectedNumberView(n.Number.Display, n.VariantName ?? "—", n.KeepsVariant)).ToList(),
            losing.Count == 0 ? null
                : $"{string.Join(", ", losing.Select(n => n.Number.Display))} {(losing.Count == 1 ? "uses a variant" : "use variants")} " +
                  $"this version no longer has.");
    }
}
