using System.Data.Common;
using System.Globalization;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.SqlClient;

namespace NumbersBot.Bot.Persistence;

/// <summary>Written from the documentation and not run against a server here; see the SQL Server tests.</summary>
internal sealed class SqlServerDialect : SqlDialect
{
    public static SqlServerDialect Instance { get; } = new();

    private const int UniqueConstraintViolation = 2627;
    private const int UniqueIndexViolation = 2601;
    private const int DeadlockVictim = 1205;

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    /// <summary>No triggers move data_version here (migration 0011 says why): every look reads afresh.</summary>
    public override bool KeepsReads => false;

    public override string Describe(string connectionString)
    {
        try
        {
            var builder = new SqlConnectionStringBuilder(connectionString);
            return $"the SQL Server database '{builder.InitialCatalog}' on {builder.DataSource}";
        }
        catch (ArgumentException)
        {
            return "the SQL Server database (its connection string cannot be read)";
        }
    }

    public override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqlException { Number: UniqueConstraintViolation or UniqueIndexViolation };

    public override bool IsBusy(DbException exception) => exception is SqlException { Number: DeadlockVictim };

    // REPEATABLEREAD keeps the row's S lock to the end of the transaction (READ COMMITTED lets it go at once) without
    // HOLDLOCK's key-range locks; an assignment returns no result set, so the batch still counts only its write.
    // The usual collations compare text case-insensitively: a case-only change of a SIP address would match the old one.
    public override string AsWritten(string column) => $"LTRIM(RTRIM({column})) COLLATE Latin1_General_BIN2";

    public override string ShareRowFirst(string table, string idParameter) =>
        $"DECLARE @shared int; SELECT @shared = 1 FROM {table} WITH (REPEATABLEREAD, ROWLOCK) WHERE id = {idParameter}; ";

    // UPDLOCK + HOLDLOCK lock the key's range until the insert is done, so a concurrent insert waits and then sees the row.
    public override string InsertIfAbsent(string table, string key, params string[] columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) SELECT {Parameters(columns)} " +
        $"WHERE NOT EXISTS (SELECT 1 FROM {table} WITH (UPDLOCK, HOLDLOCK) WHERE {key} = {Parameter(key)})";

    public override string Upsert(string table, string key, params string[] columns) =>
        $"MERGE {table} WITH (HOLDLOCK) AS target USING (SELECT {Parameter(key)} AS {key}) AS source " +
        $"ON target.{key} = source.{key} " +
        $"WHEN MATCHED THEN UPDATE SET {Assignments(columns.Where(c => c != key))} " +
        $"WHEN NOT MATCHED THEN INSERT ({string.Join(", ", columns)}) VALUES ({Parameters(columns)});";

    public override string UpdateReturning(string table, string set, string where, string column) =>
        $"UPDATE {table} SET {set} OUTPUT inserted.{column} WHERE {where}";

    public override string Limit(string countParameter) => $"OFFSET 0 ROWS FETCH NEXT {countParameter} ROWS ONLY";

    public override string Page(string offsetParameter, string countParameter) =>
        $"OFFSET {offsetParameter} ROWS FETCH NEXT {countParameter} ROWS ONLY";

    public override UpgradeEngineBuilder MigrationTarget(string connectionString) =>
        DeployChanges.To.SqlDatabase(connectionString);

    public override void PrepareDatabase(string connectionString)
    {
        if (GlobalizationUnavailable)
            throw new ConfigurationProblem(
                "Database:Provider is SqlServer, but Microsoft.Data.SqlClient does not work in .NET's invariant globalization mode, " +
                "which this build turns on (InvariantGlobalization); build with it off, and ICU installed, to use SQL Server.");
    }

    /// <summary>The check SqlClient itself makes: in invariant mode no named culture can be created.</summary>
    public static bool GlobalizationUnavailable
    {
        get
        {
            try
            {
                _ = CultureInfo.GetCultureInfo("en-US");
                return false;
            }
            catch (CultureNotFoundException)
            {
                return true;
            }
        }
    }

    public override string? SettingWarning(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DB_NAME(), is_read_committed_snapshot_on FROM sys.databases WHERE database_id = DB_ID()";
        using var reader = command.ExecuteReader();
        return reader.Read() && !reader.GetBoolean(1) ? ReadCommittedSnapshotOff(reader.GetString(0)) : null;
    }

    /// <summary>Said, not done: ALTER DATABASE needs the database to itself, which a migration run by a starting instance does not have.</summary>
    public static string ReadCommittedSnapshotOff(string database) =>
        $"READ_COMMITTED_SNAPSHOT is off for the SQL Server database '{database}', so a read waits for every write to the rows it reads, " +
        "and two changes meeting the same rows (a route being confirmed while a SIP change saves its project) can deadlock: one of them " +
        "is then undone and its user told the database was busy. With every NumbersBot instance stopped (the statement waits until it " +
        $"is the only connection), run ALTER DATABASE [{database.Replace("]", "]]")}] SET READ_COMMITTED_SNAPSHOT ON; NumbersBot does not " +
        "run it itself, since a migration never has the database to itself.";

    // A negative result from sp_getapplock means the lock was not granted.
    public override string MigrationLock =>
        "DECLARE @granted int; " +
        "EXEC @granted = sp_getapplock @Resource = 'numbersbot-migrations', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 120000; " +
        "IF @granted < 0 THROW 50000, 'Another instance kept the migration lock for two minutes.', 1;";
}
