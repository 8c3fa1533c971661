using System.Data.Common;
using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Persistence;

internal sealed partial class SqlNumberRepository(DbSession db, KeptReads kept) : INumberRepository
{
    private static readonly string[] Columns =
    [
        "id", "project_id", "e164", "environment", "source", "provider_reference", "simulated",
        "variant_id", "added_at", "added_by", "version", "reachability", "problem",
    ];

    internal static readonly string Select = $"SELECT {string.Join(", ", Columns)} FROM numbers";

    // Here, beside Columns: static fields initialise in textual order only within one file.
    private static readonly string CardColumns = string.Join(", ", Columns.Select(c => $"n.{c}"));

    public async Task<IReadOnlyList<ProjectNumber>> ListAsync(string projectId, CancellationToken ct) =>
        (await db.QueryAsync<Row>($"{Select} WHERE project_id = @projectId ORDER BY e164", new { projectId }, ct))
            .Select(r => r.ToNumber()).ToList();

    public async Task<NumberCounts> CountAsync(string projectId, CancellationToken ct)
    {
        return ToCounts(await db.QueryAsync<CountRow>(CountSql, new { projectId }, ct));
    }

    /// <summary>CountSql's rows (one per environment and variant) as the card's callouts need them.</summary>
    private static NumberCounts ToCounts(IReadOnlyList<CountRow> groups) => new(
        groups.GroupBy(g => g.Environment).ToDictionary(g => g.Key, g => (int)g.Sum(r => r.Count)),
        groups.Select(g => g.VariantId).Distinct().ToList());

    /// <summary>Read from ix_numbers_environment_variant alone (it covers the query).</summary>
    internal const string CountSql =
        "SELECT environment, variant_id, COUNT(*) AS count FROM numbers WHERE project_id = @projectId GROUP BY environment, variant_id";

    public async Task<IReadOnlyList<ProjectNumber>> ListAllAsync(CancellationToken ct) =>
        (await db.QueryAsync<Row>($"{Select} ORDER BY e164", null, ct)).Select(r => r.ToNumber()).ToList();

    public async Task<ProjectNumber?> FindAsync(Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE id = @id", new { id }, ct))?.ToNumber();

    public async Task<ProjectNumber?> FindByE164Async(string e164, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE e164 = @e164", new { e164 }, ct))?.ToNumber();

    public async Task<IReadOnlySet<string>> ListedAmongAsync(IReadOnlyCollection<string> e164s, CancellationToken ct) =>
        e164s.Count == 0 ? new HashSet<string>()
            : (await db.QueryAsync<string>($"SELECT e164 FROM numbers WHERE {db.Dialect.InList("e164", "@e164s")}", new { e164s = e164s.ToList() }, ct))
                .ToHashSet(StringComparer.Ordinal);

    public async Task AddAsync(ProjectNumber number, CancellationToken ct)
    {
        const int firstVersion = 1;
        try
        {
            await db.ExecuteAsync(SqlDialect.Insert("numbers", Columns), new
            {
                number.Id,
                number.ProjectId,
                E164 = number.Number,
                Environment = number.Environment.ToString(),
                Source = number.Source.ToString(),
                number.ProviderReference,
                number.Simulated,
                number.VariantId,
                number.AddedAt,
                number.AddedBy,
                Version = firstVersion,
                Reachability = number.Reachability.ToString(),
                number.Problem,
            }, ct);
        }
        catch (DbException e) when (db.Dialect.IsUniqueViolation(e))
        {
            // Numbers are unique across all projects, so this names no project: it may be one the person cannot see.
            throw DomainException.Conflict($"{number.Number.Display} is already imported.");
        }
        number.MarkStored(firstVersion);
    }

    public async Task UpdateAsync(ProjectNumber number, CancellationToken ct)
    {
        var updated = await db.ExecuteAsync(
            "UPDATE numbers SET variant_id = @VariantId, version = version + 1 WHERE id = @Id AND version = @Version",
            new { number.Id, number.VariantId, number.Version }, ct);
        if (updated == 0) throw DomainException.Changed(number.Number.Display);
        number.MarkStored(number.Version + 1);
    }

    // Only a removal's own step writes Removing over Removing; nothing else moves a number back from it.
    public async Task<bool> SetReachabilityAsync(Guid id, Reachability reachability, string? problem, CancellationToken ct) =>
        await db.ExecuteAsync(
            "UPDATE numbers SET reachability = @Reachability, problem = @Problem WHERE id = @Id AND (reachability <> @Removing OR @Reachability = @Removing)",
            new { Id = id, Reachability = reachability.ToString(), Problem = problem, Removing = nameof(Reachability.Removing) }, ct) == 1;

    public async Task<bool> MarkRoutedAsync(ProjectNumber number, SipAddresses routedTo, CancellationToken ct) =>
        await db.ExecuteAsync(MarkRoutedSql[(db.Dialect.Provider, number.Environment)], new
        {
            number.Id, number.ProjectId, Routed = nameof(Reachability.Routed), Removing = nameof(Reachability.Removing), routedTo.Main, routedTo.Fallback,
        }, ct) == 1;

    // One write: the check and the write cannot be split by a SIP change or a removal committed in between. The project's row
    // is taken first, as a SIP change takes it (then its numbers): number first would deadlock against it where reads lock.
    internal static readonly IReadOnlyDictionary<(DatabaseProvider, AgentEnvironment), string> MarkRoutedSql =
        Enum.GetValues<DatabaseProvider>().SelectMany(p => AgentEnvironments.All.Select(e => (p, e))).ToDictionary(k => k, k =>
        {
            var prefix = k.e switch
            {
                AgentEnvironment.Sandbox => "sandbox",
                AgentEnvironment.PreRelease => "pre_release",
                AgentEnvironment.Live => "live",
                _ => throw new ArgumentOutOfRangeException(nameof(k)),
            };
            var dialect = SqlDialect.For(k.p);
            return dialect.ShareRowFirst("projects", "@ProjectId") +
                "UPDATE numbers SET reachability = @Routed, problem = NULL WHERE id = @Id AND reachability <> @Removing " +
                $"AND EXISTS (SELECT 1 FROM projects p WHERE p.id = numbers.project_id " +
                $"AND {dialect.AsWritten($"p.{prefix}_sip_main")} = @Main AND {dialect.AsWritten($"p.{prefix}_sip_fallback")} = @Fallback)";
        });

    public async Task DeleteAsync(ProjectNumber number, CancellationToken ct)
    {
        var deleted = await db.ExecuteAsync("DELETE FROM numbers WHERE id = @Id AND version = @Version", new { number.Id, number.Version }, ct);
        if (deleted == 0) throw DomainException.Changed(number.Number.Display);
    }

    private sealed class CountRow
    {
        public required AgentEnvironment Environment { get; init; }
        public string? VariantId { get; init; }
        public required long Count { get; init; }
    }

    internal class Row
    {
        public required Guid Id { get; init; }
        public required string ProjectId { get; init; }
        public required PhoneNumber E164 { get; init; }
        public required AgentEnvironment Environment { get; init; }
        public required NumberSource Source { get; init; }
        public required string ProviderReference { get; init; }
        public required bool Simulated { get; init; }
        public string? VariantId { get; init; }
        public required DateTimeOffset AddedAt { get; init; }
        public required string AddedBy { get; init; }
        public required int Version { get; init; }
        public required Reachability Reachability { get; init; }
        public string? Problem { get; init; }

        public ProjectNumber ToNumber() =>
            new(Id, ProjectId, E164, Environment, Source, ProviderReference, Simulated, VariantId, AddedAt, AddedBy, Version, Reachability, Problem);
    }
}
