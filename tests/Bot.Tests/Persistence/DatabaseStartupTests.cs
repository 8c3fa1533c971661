using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Persistence;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>Start-up against databases that are not there or not usable; no database server is needed.</summary>
public sealed class DatabaseStartupTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("numbersbot-startup");

    [Fact]
    public void Starting_on_sqlite_creates_the_file_and_its_folder()
    {
        var file = Path.Combine(_folder.FullName, "nested", "data", "numbers.db");

        DatabaseStartup.Migrate(Sqlite(file), NullLogger.Instance);

        Assert.True(File.Exists(file));
    }

    [Fact]
    public void An_unreachable_postgres_stops_start_up_naming_the_host_but_not_the_password()
    {
        var options = new DatabaseOptions(DatabaseProvider.Postgres,
            "Host=127.0.0.1;Port=1;Username=nobody;Password=hunter2;Database=none;Timeout=2");

        var problem = Assert.Throws<ConfigurationProblem>(() => DatabaseStartup.Migrate(options, NullLogger.Instance));

        Assert.StartsWith("Cannot reach the PostgreSQL database 'none' on 127.0.0.1:1: ", problem.Message);
        Assert.DoesNotContain("hunter2", problem.Message);
    }

    [Fact]
    public void A_sql_server_that_cannot_be_used_stops_start_up_without_showing_the_password()
    {
        var options = new DatabaseOptions(DatabaseProvider.SqlServer,
            "Server=tcp:127.0.0.1,1;Database=none;User Id=nobody;Password=hunter2;Connect Timeout=2;ConnectRetryCount=0;Encrypt=false");

        var problem = Assert.Throws<ConfigurationProblem>(() => DatabaseStartup.Migrate(options, NullLogger.Instance));

        // This build runs in invariant globalization mode, where SqlClient cannot connect at all; say so rather than "unreachable".
        Assert.StartsWith(
            SqlServerDialect.GlobalizationUnavailable ? "Database:Provider is SqlServer, but" : "Cannot reach the SQL Server database 'none' on tcp:127.0.0.1,1: ",
            problem.Message);
        Assert.DoesNotContain("hunter2", problem.Message);
    }

    [Fact]
    public void A_sqlite_file_where_no_folder_can_be_made_stops_start_up_naming_the_file()
    {
        var blocker = Path.Combine(_folder.FullName, "not-a-folder");
        File.WriteAllText(blocker, "");
        var file = Path.Combine(blocker, "numbers.db");

        var problem = Assert.Throws<ConfigurationProblem>(() => DatabaseStartup.Migrate(Sqlite(file), NullLogger.Instance));

        Assert.StartsWith($"Cannot reach the SQLite database at {file}: ", problem.Message);
    }

    [Fact]
    public void A_failed_migration_stops_start_up_naming_the_script_and_the_reason()
    {
        var file = Path.Combine(_folder.FullName, "numbers.db");
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE projects (id TEXT)"; // in the way of the first script
            command.ExecuteNonQuery();
        }

        var problem = Assert.Throws<ConfigurationProblem>(() => DatabaseStartup.Migrate(Sqlite(file), NullLogger.Instance));

        Assert.StartsWith($"Migrating the SQLite database at {file} failed in 0001_initial.sql: ", problem.Message);
        Assert.Contains("table projects already exists", problem.Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static DatabaseOptions Sqlite(string file) => new(DatabaseProvider.Sqlite, $"Data Source={file}");
}
