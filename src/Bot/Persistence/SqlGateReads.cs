using Dapper;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// What every action starts with, in one round trip: the asker's and the admins' access rows, the project, its catalog.
/// Remembered for the rest of the turn (this scope) until the scope writes access, a project or a catalog: an action opens
/// the gate, then the card it answers with opens it again for the same person and project.
/// </summary>
internal sealed class SqlGateReads(DbSession db) : IGateReads
{
    private const string ProjectMatch = "id = @key OR LOWER(name) = LOWER(@key)";

    private Remembered? _last;

    public async Task<GateRead> ReadAsync(UserRef asker, IReadOnlyCollection<string> configuredAdmins, string projectRef, bool withCatalog, CancellationToken ct)
    {
        if (_last is { } last && last.Writes == db.GateWrites && last.Asker == asker
            && (ReferenceEquals(last.Admins, configuredAdmins) || last.Admins.SequenceEqual(configuredAdmins))
            // The project asked by the name or id it was read by, or by its id (an id always wins over a name).
            && (last.ProjectRef == projectRef || last.Read.Project?.Id == projectRef))
            return last.Read;
        var writes = db.GateWrites;
        var read = await ReadFromStoreAsync(asker, configuredAdmins, projectRef, ct);
        _last = new Remembered(asker, configuredAdmins, projectRef, writes, read);
        return read;
    }

    private sealed record Remembered(UserRef Asker, IReadOnlyCollection<string> Admins, string ProjectRef, long Writes, GateRead Read);

    // The catalog always rides along in the same round trip, so the card after an action that did not need it finds it here.
    private Task<GateRead> ReadFromStoreAsync(UserRef asker, IReadOnlyCollection<string> configuredAdmins, string projectRef, CancellationToken ct)
    {
        var sql = $"{SqlAccessRepository.Select} WHERE user_key = @asker OR role = 'Admin' OR {db.Dialect.InList("user_key", "@admins")};\n" +
                  $"{SqlProjectRepository.Select} WHERE {ProjectMatch} ORDER BY id;\n" +
                  $"{SqlVariantCatalogRepository.Select} WHERE project_id IN (SELECT id FROM projects WHERE {ProjectMatch})";
        return db.QueryBatchAsync(sql, new { asker = asker.Key, admins = configuredAdmins.ToList(), key = projectRef }, async grid =>
        {
            var people = (await grid.ReadAsync<SqlAccessRepository.Row>()).Select(r => r.ToAccess()).ToList();
            var projects = (await grid.ReadAsync<SqlProjectRepository.Row>()).AsList();
            // An id is exact; a name only a fallback, since another project may carry that text as its name (as FindAsync).
            var project = (projects.FirstOrDefault(r => r.Id == projectRef) ?? projects.FirstOrDefault())?.ToProject();
            var catalogs = (await grid.ReadAsync<SqlVariantCatalogRepository.Row>()).AsList();
            var catalog = project is null ? null
                : catalogs.FirstOrDefault(c => c.ProjectId == project.Id)?.ToCatalog() ?? VariantCatalog.Empty(project.Id);
            return new GateRead(people, project, catalog);
        }, ct);
    }
}
