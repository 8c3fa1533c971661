using Microsoft.Data.Sqlite;
using NumbersBot.Bot.Persistence;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>Every SQLite connection the bot opens waits for a concurrent writer for its Default Timeout, pooled or new.</summary>
public class SqliteBusyTimeoutTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"numbersbot-busy-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_fresh_and_a_pooled_connection_both_wait_for_the_configured_timeout()
    {
        var connectionString = $"Data Source={_file};Default Timeout=7";

        for (var open = 0; open < 2; open++)
        {
            await using var connection = (SqliteConnection)await SqliteDialect.Instance.OpenAsync(connectionString, CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout;";
            Assert.Equal(7000L, await command.ExecuteScalarAsync());
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}
