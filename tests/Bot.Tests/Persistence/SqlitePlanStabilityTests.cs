using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Persistence;
using SQLitePCL;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>
/// A statement the bot runs is compiled once: its plan does not depend on the values bound to it. Without that SQLite
/// compiles a statement again on its first step once a value is bound that could change the plan, which doubled the
/// parse and plan cost of every read (a fifth of the CPU of a Slack /numbers under load).
/// </summary>
public class SqlitePlanStabilityTests : IAsyncLifetime
{
    private const int Reprepares = 5; // SQLITE_STMTSTATUS_REPREPARE
    private readonly SqliteTestDatabase _database = new();
    private DatabaseOptions _options = null!;

    public async Task InitializeAsync()
    {
        _options = await _database.CreateAsync();
        DatabaseStartup.Migrate(_options, NullLogger.Instance);
    }

    public static TheoryData<string, string> HotStatements => new()
    {
        { "a card page", SqlNumberRepository.CardPageSql(SqliteDialect.Instance, 1) },
        { "a project by id or name", $"{SqlProjectRepository.Select} WHERE id = @key OR LOWER(name) = LOWER(@key) ORDER BY id" },
        { "a search by digits", SqlNumberRepository.CardPageSql(SqliteDialect.Instance, 1, " AND n.e164 LIKE @digits") },
    };

    [Theory]
    [MemberData(nameof(HotStatements))]
    public async Task A_hot_statement_is_compiled_once_whatever_is_bound_to_it(string what, string sql)
    {
        await using var connection = (SqliteConnection)await SqliteDialect.Instance.OpenAsync(_options.ConnectionString, CancellationToken.None);
        Assert.Equal(0, raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement));
        using (statement)
        {
            for (var i = 1; i <= raw.sqlite3_bind_parameter_count(statement); i++)
                raw.sqlite3_bind_text(statement, i, raw.sqlite3_bind_parameter_name(statement, i).utf8_to_string() switch
                {
                    "@size" => "10", "@offset0" => "0", "@digits" => "%7700%", var name => $"value of {name}",
                });
            while (raw.sqlite3_step(statement) == raw.SQLITE_ROW) { }

            Assert.True(raw.sqlite3_stmt_status(statement, Reprepares, 0) == 0, $"{what} was compiled again on its first step");
        }
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
