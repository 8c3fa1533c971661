using Dapper;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// What every action starts with, in one round trip: the asker's and the admins' access rows, the project, its catalog
/// (and the number, for an action on one). Remembered for the rest of the turn (this scope) until the scope writes access,
/// a project or a catalog (the number: until it writes anything): an action opens the gate, then the card it answers with
/// opens it again for the same person and project; a Live change's look first and the change itself read one number.
/// </summary>
/// <remarks>
/// Across turns the rows are kept (<see cref="KeptReads"/>) while the database has not changed: the same person asking
/// again costs one small query, and a card read after it may be kept under the version the gate read saw.
/// </remarks>
internal sealed class SqlGateReads(DbSession db, KeptReads kept) : IGateReads
{
    private const string ProjectMatch = "id = @key OR LOWER(name) = LOWER(@key)";

    private Remembered? _last;

    public async Task<GateRead> ReadAsync(
        UserRef asker, IReadOnlyCollection<string> configuredAdmins, string projectRef, AccessLevel needed, CancellationToken ct)
    {
        if (Remembers(asker, configuredAdmins) is { } last
            // The project asked by the name or id it was read by, or by its id (an id always wins over a name).
            && (last.ProjectRef == projectRef || last.Read.Project?.Id == projectRef))
            return last.Read;
        var writes = db.GateWrites;
        var read = await ReadFromStoreAsync(asker, configuredAdmins, projectRef, needed == AccessLevel.Read, ct);
        _last = new Remembered(asker, configuredAdmins, projectRef, writes, read);
        return read;
    }

    private sealed record Remembered(UserRef Asker, IReadOnlyCollection<string> Admins, string ProjectRef, long Writes, GateRead Read);

    /// <summary>The last gate read, when it still answers this asker: read for them, with these admins, and nothing it holds written since.</summary>
    private Remembered? Remembers(UserRef asker, IReadOnlyCollection<string> configuredAdmins) =>
        _last is { } last && last.Writes == db.GateWrites && last.Asker == asker
            && (ReferenceEquals(last.Admins, configuredAdmins) || last.Admins.SequenceEqual(configuredAdmins))
            ? last : null;

    private (Guid Id, long Writes, ProjectNumber Number)? _number;

    public async Task<(GateRead Read, ProjectNumber? Number)> ReadForNumberAsync(
        UserRef asker, IReadOnlyCollection<string> configuredAdmins, Guid numberId, CancellationToken ct)
    {
        if (_number is { } held && held.Id == numberId && held.Writes == db.Writes
            && Remembers(asker, configuredAdmins) is { } last && last.Read.Project?.Id == held.Number.ProjectId)
            return (last.Read, held.Number);
        var (gateWrites, writes) = (db.GateWrites, db.Writes);
        var sql = $"{PeopleSql};\n" +
                  $"{SqlNumberRepository.Select} WHERE id = @id;\n" +
                  $"{SqlProjectRepository.Select} WHERE id IN ({NumberProject});\n" +
                  $"{SqlVariantCatalogRepository.Select} WHERE project_id IN ({NumberProject})";
        var (read, number) = await db.QueryBatchAsync(sql, new { asker = asker.Key, admins = configuredAdmins.ToList(), id = numberId }, async grid =>
        {
            var people = People((await grid.ReadAsync<SqlAccessRepository.Row>()).AsList());
            var number = (await grid.ReadAsync<SqlNumberRepository.Row>()).FirstOrDefault()?.ToNumber();
            var project = (await grid.ReadAsync<SqlProjectRepository.Row>()).FirstOrDefault()?.ToProject();
            var catalog = (await grid.ReadAsync<SqlVariantCatalogRepository.Row>()).FirstOrDefault()?.ToCatalog();
            return (new GateRead(people, project, project is null ? null : catalog ?? VariantCatalog.Empty(project.Id)), number);
        }, ct);
        if (read.Project is { } found && number is not null)
        {
            _last = new Remembered(asker, configuredAdmins, found.Id, gateWrites, read);
            _number = (numberId, writes, number);
        }
        return (read, number);
    }

    /// <summary>
    /// Given a conversation (`numbers` without a project), the catalog of the project it will most likely open rides along:
    /// the one chosen there, or the only project. That project's gate read is then remembered as if read on its own, so
    /// the card after the choice costs one more round trip, not two.
    /// </summary>
    public async Task<ChoiceRead> ReadProjectsAsync(UserRef asker, IReadOnlyCollection<string> configuredAdmins, string? conversationKey, CancellationToken ct)
    {
        var writes = db.GateWrites;
        var choice = conversationKey is null ? null : SqlProjectChoices.Key(asker.Key, conversationKey);
        var key = KeyOf("choice", asker, configuredAdmins, choice ?? "");
        var rows = await KeptAsync<ChoiceRows>(key, ct) ?? await ReadChoiceAsync(key, asker, configuredAdmins, choice, ct);
        var read = new ChoiceRead(People(rows.People), rows.Projects.Select(r => r.ToProject()).ToList(), rows.Chosen);
        if (conversationKey is not null)
        {
            // As ChooseProject picks: the chosen project or the only one, among the active ones.
            var active = read.Projects.Where(p => !p.Archived).ToList();
            var likely = active.FirstOrDefault(p => p.Id == read.Chosen) ?? (active.Count == 1 ? active[0] : null);
            if (likely is not null)
            {
                var catalog = rows.Catalogs.FirstOrDefault(c => c.ProjectId == likely.Id)?.ToCatalog() ?? VariantCatalog.Empty(likely.Id);
                _last = new Remembered(asker, configuredAdmins, likely.Id, writes, new GateRead(read.People, likely, catalog));
            }
        }
        return read;
    }

    private sealed record ChoiceRows(
        List<SqlAccessRepository.Row> People, List<SqlProjectRepository.Row> Projects, string? Chosen, List<SqlVariantCatalogRepository.Row> Catalogs);

    private Task<ChoiceRows> ReadChoiceAsync(string key, UserRef asker, IReadOnlyCollection<string> configuredAdmins, string? choice, CancellationToken ct)
    {
        const string chosen = "SELECT project_id FROM project_choices WHERE choice_key = @choice";
        var sql = $"{KeptReads.VersionSql};\n{PeopleSql};\n{SqlProjectRepository.Select} ORDER BY name, id" + (choice is null ? "" :
            $";\n{chosen};\n{SqlVariantCatalogRepository.Select} WHERE project_id IN ({chosen}) " +
            $"OR project_id IN ({ActiveProjects}) AND (SELECT COUNT(*) FROM projects WHERE archived = @archived) = 1");
        return db.QueryBatchAsync(sql, new { asker = asker.Key, admins = configuredAdmins.ToList(), archived = false, choice }, async grid =>
        {
            var version = await grid.ReadSingleAsync<long>();
            var rows = new ChoiceRows(
                (await grid.ReadAsync<SqlAccessRepository.Row>()).AsList(),
                (await grid.ReadAsync<SqlProjectRepository.Row>()).AsList(),
                choice is null ? null : (await grid.ReadAsync<string>()).FirstOrDefault(),
                choice is null ? [] : (await grid.ReadAsync<SqlVariantCatalogRepository.Row>()).AsList());
            Keep(key, version, rows);
            return rows;
        }, ct);
    }

    private const string ActiveProjects = "SELECT id FROM projects WHERE archived = @archived";

    private const string NumberProject = "SELECT project_id FROM numbers WHERE id = @id";

    private string PeopleSql => $"{SqlAccessRepository.Select} WHERE user_key = @asker OR role = 'Admin' OR {db.Dialect.InList("user_key", "@admins")}";

    /// <summary>
    /// Rows kept under <paramref name="key"/> at the database's current version (one small query), else null. A host that
    /// has committed a change to what looks read (this turn's included), or seen a newer version since, knows they are out
    /// of date and does not ask (<see cref="KeptReads.MayHold"/>).
    /// </summary>
    private async Task<T?> KeptAsync<T>(string key, CancellationToken ct) where T : class =>
        db.MayKeepReads && kept.MayHold(key) && kept.TryGet<T>(key, await db.ReadVersionAsync(ct), out var rows) ? rows : null;

    private void Keep(string key, long version, object rows)
    {
        if (!db.MayKeepReads) return;
        db.NoteVersion(version);
        kept.Keep(key, version, rows);
    }

    /// <summary>Where a gate read for this asker and project is kept.</summary>
    internal static string GateKey(UserRef asker, IReadOnlyCollection<string> configuredAdmins, string projectRef) =>
        KeyOf("gate", asker, configuredAdmins, projectRef);

    private static string KeyOf(string read, UserRef asker, IReadOnlyCollection<string> configuredAdmins, string what) =>
        $"{read}\n{asker.Key}\n{what}\n{string.Join('\n', configuredAdmins)}";

    private static List<UserAccess> People(List<SqlAccessRepository.Row> rows) => rows.Select(r => r.ToAccess()).ToList();

    private sealed record GateRows(
        List<SqlAccessRepository.Row> People, List<SqlProjectRepository.Row> Projects, List<SqlVariantCatalogRepository.Row> Catalogs);

    private async Task<GateRead> ReadFromStoreAsync(
        UserRef asker, IReadOnlyCollection<string> configuredAdmins, string projectRef, bool look, CancellationToken ct)
    {
        var key = GateKey(asker, configuredAdmins, projectRef);
        var rows = (look ? await KeptAsync<GateRows>(key, ct) : null) ?? await ReadGateAsync(key, asker, configuredAdmins, projectRef, ct);
        // An id is exact; a name only a fallback, since another project may carry that text as its name (as FindAsync).
        var project = (rows.Projects.FirstOrDefault(r => r.Id == projectRef) ?? rows.Projects.FirstOrDefault())?.ToProject();
        var catalog = project is null ? null
            : rows.Catalogs.FirstOrDefault(c => c.ProjectId == project.Id)?.ToCatalog() ?? VariantCatalog.Empty(project.Id);
        return new GateRead(People(rows.People), project, catalog);
    }

    // The catalog always rides along in the same round trip, so the card after an action that did not need it finds it here.
    private Task<GateRows> ReadGateAsync(string key, UserRef asker, IReadOnlyCollection<string> configuredAdmins, string projectRef, CancellationToken ct)
    {
        var sql = $"{KeptReads.VersionSql};\n{PeopleSql};\n" +
                  $"{SqlProjectRepository.Select} WHERE {ProjectMatch} ORDER BY id;\n" +
                  $"{SqlVariantCatalogRepository.Select} WHERE project_id IN (SELECT id FROM projects WHERE {ProjectMatch})";
        return db.QueryBatchAsync(sql, new { asker = asker.Key, admins = configuredAdmins.ToList(), key = projectRef }, async grid =>
        {
            var version = await grid.ReadSingleAsync<long>();
            var rows = new GateRows(
                (await grid.ReadAsync<SqlAccessRepository.Row>()).AsList(),
                (await grid.ReadAsync<SqlProjectRepository.Row>()).AsList(),
                (await grid.ReadAsync<SqlVariantCatalogRepository.Row>()).AsList());
            Keep(key, version, rows);
            return rows;
        }, ct);
    }
}
