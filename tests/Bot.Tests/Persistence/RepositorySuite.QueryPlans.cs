using Dapper;
using NumbersBot.Bot.Persistence;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>The hot queries read through the indexes made for them (EXPLAIN on each database that can tell).</summary>
public abstract partial class RepositorySuite
{
    [SkippableFact]
    public async Task The_due_deferred_replies_are_found_through_their_partial_index()
    {
        var plan = await PlanAsync(SqlDeferredReplyQueue.DueSql(SqlDialect.For(Options.Provider)), new { Now, Limit = 10 });

        Assert.Contains("ix_deferred_replies_due", plan);
    }

    [SkippableFact]
    public async Task A_card_reads_counts_and_one_page_per_environment_in_number_order()
    {
        await using (var bot = NewInstance())
        {
            for (var i = 0; i < 25; i++)
                await bot.Numbers.AddAsync(NewNumber($"+141555501{24 - i:D2}",
                    environment: i < 13 ? AgentEnvironment.Sandbox : AgentEnvironment.Live, variantId: i % 2 == 0 ? "v-london" : null), Ct);
            await bot.Numbers.AddAsync(NewNumber("+447700900001", projectId: "beta", environment: AgentEnvironment.PreRelease), Ct);
        }
        await using var reader = NewInstance();

        var counts = await reader.Numbers.CountAsync("alpha", Ct);
        var page = (await reader.Numbers.CardAsync("alpha",
            [new PageStart(AgentEnvironment.Sandbox, 10), new PageStart(AgentEnvironment.PreRelease, 0), new PageStart(AgentEnvironment.Live, 0)], 10, null, Ct)).Rows;

        Assert.Equal(13, counts.In(AgentEnvironment.Sandbox));
        Assert.Equal(0, counts.In(AgentEnvironment.PreRelease));
        Assert.Equal(12, counts.In(AgentEnvironment.Live));
        Assert.Equal(new string?[] { null, "v-london" }, counts.VariantsInUse.Order(StringComparer.Ordinal));
        // Sandbox holds +1 415-555-0112 … 0124: its second page is the last three; Live holds 0100 … 0111, first ten.
        Assert.Equal(["+14155550122", "+14155550123", "+14155550124"],
            page.Where(n => n.Environment == AgentEnvironment.Sandbox).Select(n => n.Number.E164));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"+141555501{i:D2}"),
            page.Where(n => n.Environment == AgentEnvironment.Live).Select(n => n.Number.E164));
        Assert.DoesNotContain(page, n => n.ProjectId != "alpha");
    }

    [SkippableFact]
    public async Task The_card_counts_read_through_their_covering_index() =>
        // The page's plan: The_card_page_reads_through_the_number_order_index_with_its_approvals.
        Assert.Contains("ix_numbers_environment_variant", await PlanAsync(SqlNumberRepository.CountSql, new { projectId = "alpha" }));

    /// <summary>The plan as text; on PostgreSQL with sequential scans priced out, so a usable index is always chosen.</summary>
    private async Task<string> PlanAsync(string sql, object parameters)
    {
        Skip.If(Options.Provider == DatabaseProvider.SqlServer, "the plan is read on SQLite and PostgreSQL");
        await using var connection = await SqlDialect.For(Options.Provider).OpenAsync(Options.ConnectionString, Ct);
        if (Options.Provider == DatabaseProvider.Postgres)
        {
            await connection.ExecuteAsync("SET enable_seqscan = off");
            return string.Join('\n', await connection.QueryAsync<string>("EXPLAIN " + sql, parameters));
        }
        var rows = await connection.QueryAsync("EXPLAIN QUERY PLAN " + sql, parameters);
        return string.Join('\n', rows.Select(row => (string)((IDictionary<string, object>)row)["detail"]));
    }
}
