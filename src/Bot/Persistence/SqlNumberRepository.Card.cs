using Dapper;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Persistence;

internal sealed partial class SqlNumberRepository
{
    /// <summary>
    /// The numbers card in one round trip: the project's counts (callouts), the counts matching a search, and one page
    /// per environment with each row's open approval (through ux_approvals_one_pending_per_number). A search is a
    /// WHERE clause on the same indexed reads, never the project read into memory.
    /// </summary>
    public async Task<NumbersCardRead> CardAsync(string projectId, IReadOnlyList<PageStart> starts, int size, NumberFilter? filter, CancellationToken ct)
    {
        // Kept under the version this turn's gate read saw (KeptReads): the same page asked again, with nothing changed, is not read.
        var version = db.Version;
        var key = version is null ? null : CardKey(projectId, starts, size, filter);
        if (key is not null && kept.TryGet<CardRows>(key, version!.Value, out var known)) return known.ToRead();
        var rows = await ReadCardAsync(projectId, starts, size, filter, ct);
        if (key is not null) kept.Keep(key, version!.Value, rows);
        return rows.ToRead();
    }

    private static string CardKey(string projectId, IReadOnlyList<PageStart> starts, int size, NumberFilter? filter) =>
        $"card\n{projectId}\n{size}\n{string.Join(',', starts.Select(s => $"{s.Environment}:{s.Offset}"))}\n" +
        (filter is null ? "" : filter.Digits is { } digits ? $"digits:{digits}" : $"variants:{string.Join(',', filter.VariantIds.Order(StringComparer.Ordinal))}");

    /// <summary>What the store answered for one card; each turn makes its own numbers from them.</summary>
    private sealed record CardRows(NumberCounts Counts, IReadOnlyDictionary<AgentEnvironment, int> Matching, List<CardRow> Rows)
    {
        public NumbersCardRead ToRead() => new(Counts, Matching, Rows.Select(r => r.ToNumber()).ToList(),
            Rows.Where(r => r.PendingApprovalId is not null)
                .ToDictionary(r => r.Id, r => new OpenApproval(r.PendingApprovalId!.Value, r.PendingExpiresAt!.Value)));
    }

    private Task<CardRows> ReadCardAsync(string projectId, IReadOnlyList<PageStart> starts, int size, NumberFilter? filter, CancellationToken ct)
    {
        var parameters = new DynamicParameters(new { projectId, size });
        for (var i = 0; i < starts.Count; i++)
        {
            parameters.Add($"environment{i}", starts[i].Environment.ToString());
            parameters.Add($"offset{i}", starts[i].Offset);
        }
        var where = "";
        if (filter?.Digits is { } digits)
        {
            where = " AND n.e164 LIKE @digits";
            parameters.Add("digits", $"%{digits}%");
        }
        else if (filter is not null)
        {
            where = $" AND {db.Dialect.InList("n.variant_id", "@variantIds")}";
            parameters.Add("variantIds", filter.VariantIds.ToList());
        }
        var sql = CountSql + ";\n" + (filter is null ? "" : MatchingSql(where) + ";\n") + CardPageSql(db.Dialect, starts.Count, where);
        return db.QueryBatchAsync(sql, parameters, async grid =>
        {
            var counts = ToCounts((await grid.ReadAsync<CountRow>()).AsList());
            var matching = filter is null ? counts.PerEnvironment
                : (await grid.ReadAsync<CountRow>()).ToDictionary(r => r.Environment, r => (int)r.Count);
            return new CardRows(counts, matching, starts.Count == 0 ? [] : (await grid.ReadAsync<CardRow>()).AsList());
        }, ct);
    }

    private static string MatchingSql(string where) =>
        $"SELECT n.environment, NULL AS variant_id, COUNT(*) AS count FROM numbers n WHERE n.project_id = @projectId{where} GROUP BY n.environment";

    /// <summary>One ordered, limited read per environment through ix_numbers_environment_e164, each row with its open approval.</summary>
    internal static string CardPageSql(SqlDialect dialect, int environments, string where = "") =>
        environments == 0 ? "" : string.Join(" UNION ALL ", Enumerable.Range(0, environments).Select(i =>
            $"SELECT * FROM (SELECT {CardColumns}, a.id AS pending_approval_id, a.expires_at AS pending_expires_at FROM numbers n " +
            $"LEFT JOIN approvals a ON a.number_id = n.id AND a.status = 'Pending' " +
            $"WHERE n.project_id = @projectId AND n.environment = @environment{i}{where} ORDER BY n.e164 {dialect.Page($"@offset{i}", "@size")}) page{i}"));

    private sealed class CardRow : Row
    {
        public Guid? PendingApprovalId { get; init; }
        public DateTimeOffset? PendingExpiresAt { get; init; }
    }
}
