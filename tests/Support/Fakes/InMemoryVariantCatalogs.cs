namespace NumbersBot.Tests.Support.Fakes;

/// <summary>A project with no saved catalog has an empty one; saves are conditional on the version, as the database does.</summary>
public sealed class InMemoryVariantCatalogs : IVariantCatalogRepository
{
    private readonly Dictionary<string, VariantCatalog> _stored = [];

    public Task<VariantCatalog> GetAsync(string projectId, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult(_stored.TryGetValue(projectId, out var catalog) ? Copy(catalog) : VariantCatalog.Empty(projectId));
    }

    public Task SaveAsync(VariantCatalog catalog, CancellationToken ct) => Completed.After(() =>
    {
        lock (_stored)
        {
            var storedVersion = _stored.TryGetValue(catalog.ProjectId, out var stored) ? stored.Version : 0;
            if (catalog.Version != storedVersion) throw DomainException.Changed("The project's variants");
            catalog.MarkStored(storedVersion + 1);
            _stored[catalog.ProjectId] = Copy(catalog);
        }
    });

    private static VariantCatalog Copy(VariantCatalog c) => new(c.ProjectId, c.Drafts, c.Published, c.LastVersionNumber, c.Version);
}
