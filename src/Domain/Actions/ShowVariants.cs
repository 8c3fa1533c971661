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
        var (project, viewer, read) = await gate.OpenWithCatalogAsync(command.Actor, command.Project, AccessArea.Variants, AccessLevel.Read, ct);
        var catalog = read ?? await variants.GetAsync(project.Id, ct);
        // Which variants are in use is counted where the numbers are, never read number by number.
        var assigned = (await numbers.CountAsync(project.Id, ct)).VariantsInUse;
        return new VariantsPage(project, catalog, catalog.Callouts(assigned), viewer);
    }
}
