using NumbersBot.Bot.Persistence;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>
/// What keeps SQL Server from deadlocking where reads lock, checked by the statements and words alone: no SQL Server runs here
/// (PostgresDeadlockTests shows the same order on a real database).
/// </summary>
public class SqlServerDeadlockTests
{
    [Fact]
    public void A_route_is_confirmed_after_taking_its_projects_row_as_a_SIP_change_takes_it_before_the_numbers()
    {
        Assert.All(AgentEnvironments.All, environment => Assert.StartsWith(
            "DECLARE @shared int; SELECT @shared = 1 FROM projects WITH (REPEATABLEREAD, ROWLOCK) WHERE id = @ProjectId; UPDATE numbers SET ",
            SqlNumberRepository.MarkRoutedSql[(DatabaseProvider.SqlServer, environment)]));
    }

    [Fact]
    public void A_route_is_confirmed_against_addresses_compared_exactly_not_by_the_databases_case_insensitive_collation()
    {
        Assert.All(AgentEnvironments.All, environment => Assert.Contains(
            "LTRIM(RTRIM(p.", SqlNumberRepository.MarkRoutedSql[(DatabaseProvider.SqlServer, environment)]));
        Assert.All(AgentEnvironments.All, environment => Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(
            SqlNumberRepository.MarkRoutedSql[(DatabaseProvider.SqlServer, environment)], @"_sip_(main|fallback)\)\) COLLATE Latin1_General_BIN2 = @")));
    }

    [Fact]
    public void A_database_without_read_committed_snapshot_is_told_at_start_up_with_why_and_the_statement_that_turns_it_on()
    {
        var warning = SqlServerDialect.ReadCommittedSnapshotOff("numbers]bot");

        Assert.Contains("READ_COMMITTED_SNAPSHOT is off for the SQL Server database 'numbers]bot'", warning);
        Assert.Contains("can deadlock", warning);
        Assert.Contains("ALTER DATABASE [numbers]]bot] SET READ_COMMITTED_SNAPSHOT ON;", warning);
        Assert.Contains("With every NumbersBot instance stopped", warning);
    }
}
