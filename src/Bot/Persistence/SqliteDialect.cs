using System.Data.Common;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace NumbersBot.Bot.Persistence;

internal sealed class SqliteDialect : SqlDialect
{
    public static SqliteDialect Instance { get; } = new();

    private const int ConstraintUnique = 2067;
    private const int ConstraintPrimaryKey = 1555;
    private const int EnableQueryPlannerStabilityGuarantee = 1007; // SQLITE_DBCONFIG_ENABLE_QPSG

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string Describe(string connectionString)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            return InMemory(builder) ? "the in-memory SQLite database" : $"the SQLite database at {Path.GetFullPath(builder.DataSource)}";
        }
        catch (ArgumentException)
        {
            return "the SQLite database (its connection string cannot be read)";
        }
    }

    public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    public override async Task<DbConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = (SqliteConnection)await base.OpenAsync(connectionString, ct);
        // Concurrent writers (another scope, another instance) wait their turn instead of failing with SQLITE_BUSY. Set
        // through the C API on each open: a pooled handle keeps it anyway, and no statement is prepared per connection.
        var rc = raw.sqlite3_busy_timeout(connection.Handle, Math.Max(connection.DefaultTimeout, 1) * 1000);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        // Plans that do not depend on bound values: otherwise SQLite compiles a statement again on its first step once
        // values are bound (a card page's did), doubling the parse and plan cost of every read.
        rc = raw.sqlite3_db_config(connection.Handle, EnableQueryPlannerStabilityGuarantee, 1, out _);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        return connection;
    }

    /// <summary>
    /// BEGIN IMMEDIATE: a deferred transaction that read first and then writes can fail with SQLITE_BUSY
    /// without waiting; taking the write lock up front makes a second writer wait for the first to finish.
    /// </summary>
    public override Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken ct) =>
        Task.FromResult<DbTransaction>(connection is PooledSqliteConnection pooled
            ? pooled.BeginTransaction(deferred: false)
            : ((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey };

    // Busy or locked past the busy timeout: the statement did nothing, and the unit of work it was in is rolled back.
    public override bool IsBusy(DbException exception) => exception is SqliteException { SqliteErrorCode: raw.SQLITE_BUSY or raw.SQLITE_LOCKED };

    // A writing transaction holds the whole database from BEGIN IMMEDIATE, so there is no order to take.
    public override string ShareRowFirst(string table, string idParameter) => "";

    public override UpgradeEngineBuilder MigrationTarget(string connectionString) =>
        DeployChanges.To.SqliteDatabase(connectionString);

    public override void PrepareDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!InMemory(builder))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // WAL lets readers carry on while one connection writes; the setting is kept in the file.
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }

    /// <summary>A file database whose connections may stay open: not in memory (closing its last connection ends it), not Pooling=False.</summary>
    public static bool KeepsConnectionsOpen(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return !InMemory(builder) && builder.Pooling;
    }

    private static bool InMemory(SqliteConnectionStringBuilder builder) =>
        builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:";
}
