namespace NumbersBot.Domain.Variants;

public interface IVariantCatalogRepository
{
    /// <summary>The project's catalog, empty (version 0) when it has never had variants.</summary>
    Task<VariantCatalog> GetAsync(string projectId, CancellationToken ct);

    /// <summary>Stores it whole, conditional on <see cref="VariantCatalog.Version"/>; throws DomainException.Changed (Conflict) when it moved.</summary>
    Task SaveAsync(VariantCatalog catalog, CancellationToken ct);
}
