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
        return await db.QueryBatchAsync(sql, parameters, async grid =>
        {
            var counts = ToCounts((await grid.ReadAsync<CountRow>()).AsList());
            var matching = filter is null ? counts.PerEnvironment
                : (await grid.ReadAsync<CountRow>()).ToDictionary(r => r.Environment, r => (int)r.Count);
            var rows = starts.Count == 0 ? [] : (await grid.ReadAsync<CardRow>()).AsList();
            return new NumbersCardRead(counts, matching, rows.Select(r => r.ToNumber()).ToList(),
                rows.Where(r => r.PendingApprovalId is not null)
                    .ToDictionary(r => r.Id, r => new OpenApproval(r.PendingApprovalId!.Value, r.PendingExpiresAt!.Value)));
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
