using System.Text.Json;
using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// A catalog is stored whole in one row: the drafts and the published versions as JSON, beside the row version.
/// The JSON shapes are this file's own records, so renaming a domain property never breaks stored data.
/// </summary>
internal sealed class SqlVariantCatalogRepository(DbSession db) : IVariantCatalogRepository
{
    private const string What = "The variant list";

    private static readonly string[] Columns = ["project_id", "drafts", "published", "last_version_number", "version"];

    internal static readonly string Select = $"SELECT {string.Join(", ", Columns)} FROM variant_catalogs";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<VariantCatalog> GetAsync(string projectId, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            $"{Select} WHERE project_id = @projectId", new { projectId }, ct);
        return row?.ToCatalog() ?? VariantCatalog.Empty(projectId);
    }

    public async Task SaveAsync(VariantCatalog catalog, CancellationToken ct)
    {
        var parameters = new
        {
            catalog.ProjectId,
            Drafts = JsonSerializer.Serialize(catalog.Drafts.Select(StoredVariant.From), Json),
            Published = JsonSerializer.Serialize(
                catalog.Published.ToDictionary(p => p.Key.ToString(), p => StoredVersion.From(p.Value)), Json),
            catalog.LastVersionNumber,
            Version = catalog.Version + 1,
            Expected = catalog.Version,
        };
        db.NoteGateWrite();
        // Version 0 has never been stored: of two first saves, the key lets one in and refuses the other.
        var saved = catalog.Version == 0
            ? await db.ExecuteAsync(db.Dialect.InsertIfAbsent("variant_catalogs", "project_id", Columns), parameters, ct)
            : await db.ExecuteAsync(
                "UPDATE variant_catalogs SET drafts = @Drafts, published = @Published, last_version_number = @LastVersionNumber, " +
                "version = @Version WHERE project_id = @ProjectId AND version = @Expected", parameters, ct);
        if (saved == 0) throw DomainException.Changed(What);
        catalog.MarkStored(catalog.Version + 1);
    }

    private sealed record StoredVariant(string Id, string Name)
    {
        public static StoredVariant From(Variant variant) => new(variant.Id, variant.Name);

        public Variant ToVariant() => new(Id, Name);
    }

    private sealed record StoredVersion(int Number, DateTimeOffset PublishedAt, List<StoredVariant> Variants)
    {
        public static StoredVersion From(PublishedVersion version) =>
            new(version.Number, version.PublishedAt, version.Variants.Select(StoredVariant.From).ToList());

        public PublishedVersion ToVersion() => new(Number, Variants.Select(v => v.ToVariant()).ToList(), PublishedAt);
    }

    internal sealed class Row
    {
        public required string ProjectId { get; init; }
        public required string Drafts { get; init; }
        public required string Published { get; init; }
        public required int LastVersionNumber { get; init; }
        public required int Version { get; init; }

        // Parsed once per row: a kept row (KeptReads) makes a catalog for every look. The parts are immutable records and
        // the catalog copies the list and dictionary it is given, so catalogs made from one row never share a change.
        private Parsed? _parsed;

        private sealed record Parsed(List<Variant> Drafts, Dictionary<AgentEnvironment, PublishedVersion> Published);

        public VariantCatalog ToCatalog()
        {
            var parsed = _parsed ??= new Parsed(
                (JsonSerializer.Deserialize<List<StoredVariant>>(Drafts, Json) ?? []).Select(d => d.ToVariant()).ToList(),
                (JsonSerializer.Deserialize<Dictionary<string, StoredVersion>>(Published, Json) ?? [])
                    .ToDictionary(p => Enum.Parse<AgentEnvironment>(p.Key), p => p.Value.ToVersion()));
            return new VariantCatalog(ProjectId, parsed.Drafts, parsed.Published, LastVersionNumber, Version);
        }
    }
}
