using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using NumbersBot.Bot.Persistence;
using Npgsql;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>A new, empty database for one test, gone again afterwards. Skips the test when the server is not there.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract Task<DatabaseOptions> CreateAsync();

    public abstract ValueTask DisposeAsync();

    protected static string NewName() => $"numbersbot_t_{Guid.NewGuid():N}";
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "numbersbot-tests", Guid.NewGuid().ToString("N"));
    private string? _connectionString;

    // The folder does not exist yet: creating it is part of what start-up does.
    public override Task<DatabaseOptions> CreateAsync()
    {
        _connectionString = $"Data Source={Path.Combine(_folder, "data", "numbers.db")}";
        return Task.FromResult(new DatabaseOptions(DatabaseProvider.Sqlite, _connectionString));
    }

    public override ValueTask DisposeAsync()
    {
        if (_connectionString is not null) SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        try { Directory.Delete(_folder, recursive: true); } catch (DirectoryNotFoundException) { }
        return ValueTask.CompletedTask;
    }
}

/// <summary>A schema of its own in the given database, found through the search path: much quicker than a database.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private static readonly string? Server = Environment.GetEnvironmentVariable("NUMBERSBOT_TEST_POSTGRES");
    private string? _schema;
    private string? _connectionString;

    public override async Task<DatabaseOptions> CreateAsync()
    {
        Skip.If(string.IsNullOrWhiteSpace(Server), "NUMBERSBOT_TEST_POSTGRES is not set");
        _schema = NewName();
        await using (var admin = new NpgsqlConnection(Server))
            await admin.ExecuteAsync($"CREATE SCHEMA {_schema}");
        _connectionString = new NpgsqlConnectionStringBuilder(Server) { SearchPath = _schema }.ConnectionString;
        return new DatabaseOptions(DatabaseProvider.Postgres, _connectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_schema is null) return;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(_connectionString));
        await using var admin = new NpgsqlConnection(Server);
        await admin.ExecuteAsync($"DROP SCHEMA {_schema} CASCADE");
    }
}

/// <summary>Not run here: no SQL Server engine is available where these tests were written.</summary>
public sealed class SqlServerTestDatabase : TestDatabase
{
    private static readonly string? Server = Environment.GetEnvironmentVariable("NUMBERSBOT_TEST_SQLSERVER");
    private string? _name;
    private string? _connectionString;

    public override async Task<DatabaseOptions> CreateAsync()
    {
        Skip.If(string.IsNullOrWhiteSpace(Server), "NUMBERSBOT_TEST_SQLSERVER is not set");
        Skip.If(SqlServerDialect.GlobalizationUnavailable,
            "Microsoft.Data.SqlClient does not work in invariant globalization mode, which this build turns on (InvariantGlobalization)");
        _name = NewName();
        await using (var admin = new SqlConnection(Server))
            await admin.ExecuteAsync($"CREATE DATABASE [{_name}]");
        _connectionString = new SqlConnectionStringBuilder(Server) { InitialCatalog = _name }.ConnectionString;
        return new DatabaseOptions(DatabaseProvider.SqlServer, _connectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_name is null) return;
        SqlConnection.ClearPool(new SqlConnection(_connectionString));
        await using var admin = new SqlConnection(Server);
        await admin.ExecuteAsync($"ALTER DATABASE [{_name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_name}];");
    }
}
