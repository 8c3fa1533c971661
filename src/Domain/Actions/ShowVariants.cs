using NumbersBot.Domain.Access;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>A project's draft variants and the version running in each environment.</summary>
public sealed record ShowVariants(Actor Actor, string? Project);

public sealed record VariantsPage(Project Project, VariantCatalog Catalog, IReadOnlyList<Callout> Callouts, UserAccess Viewer)
{
    public bool ViewerCanEdit => Viewer.Can(AccessArea.Variants, AccessLevel.Edit);
}

public sealed class ShowVariantsHandler(ProjectGate gate, IVariantCatalogRepository variants, INumberRepository numbers)
{
    public async Task<VariantsPage> HandleAsync(ShowVariants command, CancellationToken ct)
    {
        var (project, viewer) = await gate.OpenAsync(command.Actor, command.Project, AccessArea.Variants, AccessLevel.Read, ct);
        var catalog = await variants.GetAsync(project.Id, ct);
        var assigned = (await numbers.ListAsync(project.Id, ct)).Select(n => n.VariantId);
        return new VariantsPage(project, catalog, catalog.Callouts(assigned), viewer);
    }
}
