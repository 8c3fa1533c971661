using System.Data;
using System.Data.Common;
using DbUp.Builder;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// Everything that differs between the databases, so the repositories' SQL is written once.
/// Generated statements name parameters after their columns: project_id is bound from @ProjectId.
/// </summary>
internal abstract class SqlDialect
{
    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => SqliteDialect.Instance,
        DatabaseProvider.Postgres => PostgresDialect.Instance,
        DatabaseProvider.SqlServer => SqlServerDialect.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The folder of migration scripts under Persistence/Migrations.</summary>
    public string MigrationsFolder => Provider.ToString();

    /// <summary>Where the data lives, for messages: a file, or a database on a host. Never credentials.</summary>
    public abstract string Describe(string connectionString);

    public abstract DbConnection CreateConnection(string connectionString);

    public virtual async Task<DbConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = CreateConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a transaction that is going to write.</summary>
    public virtual async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken ct) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);

    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>
    /// The database undid this transaction so that another could go on: a deadlock victim or a serialization failure (on
    /// SQLite, the database still locked after the busy timeout). Nothing it wrote in that transaction is kept, so running it
    /// again is safe. A lock timeout elsewhere is not one: SQL Server's (1222) undoes only its statement.
    /// </summary>
    public abstract bool IsBusy(DbException exception);

    /// <summary>
    /// Put before a statement that writes a row of another table and reads <paramref name="table"/>'s row
    /// <paramref name="idParameter"/>: it takes that row's shared lock first, held to the end of the transaction, so a change
    /// that writes the row and then the other table's (a SIP change: the project, then its numbers) waits rather than deadlocks.
    /// </summary>
    public abstract string ShareRowFirst(string table, string idParameter);

    /// <summary>
    /// A text column as the domain reads it, for comparing with what the domain sent: without surrounding spaces (as
    /// SipAddresses trims, should someone pad the value at a SQL prompt), and compared exactly (case included) where the
    /// database's collation would not.
    /// </summary>
    public virtual string AsWritten(string column) => $"TRIM({column})";

    /// <summary>A plain INSERT of one row; shared by every dialect.</summary>
    public static string Insert(string table, params string[] columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({Parameters(columns)})";

    /// <summary>One INSERT that does nothing when a row with the same key exists, safe against a concurrent insert.</summary>
    public virtual string InsertIfAbsent(string table, string key, params string[] columns) =>
        $"{Insert(table, columns)} ON CONFLICT ({key}) DO NOTHING";

    /// <summary>One statement that inserts the row, or replaces every other column when the key exists.</summary>
    public virtual string Upsert(string table, string key, params string[] columns) =>
        $"{Insert(table, columns)} ON CONFLICT ({key}) DO UPDATE SET {Assignments(columns.Where(c => c != key))}";

    /// <summary>An UPDATE that answers with <paramref name="column"/>'s new value in each row it changed (none when the WHERE held nowhere).</summary>
    public virtual string UpdateReturning(string table, string set, string where, string column) =>
        $"UPDATE {table} SET {set} WHERE {where} RETURNING {column}";

    /// <summary>Follows an ORDER BY to keep the first rows only.</summary>
    public virtual string Limit(string countParameter) => $"LIMIT {countParameter}";

    /// <summary>
    /// Whether data_version moves with every change to what looks read, so looks may be kept (<see cref="KeptReads"/>):
    /// true where triggers can move it at commit without making writers wait on each other (see migration 0011).
    /// </summary>
    public virtual bool KeepsReads => true;

    /// <summary>"column is one of a list parameter": Dapper expands the list into IN (…), except on PostgreSQL (an array).</summary>
    public virtual string InList(string column, string listParameter) => $"{column} IN {listParameter}";

    /// <summary>Follows an ORDER BY to keep one page of rows.</summary>
    public virtual string Page(string offsetParameter, string countParameter) => $"LIMIT {countParameter} OFFSET {offsetParameter}";

    /// <summary>Configures DbUp for this database.</summary>
    public abstract UpgradeEngineBuilder MigrationTarget(string connectionString);

    /// <summary>Whatever must exist before the first connection (SQLite: its folder and journal mode).</summary>
    public virtual void PrepareDatabase(string connectionString)
    {
    }

    /// <summary>A setting of the database that makes the bot work worse, said in one sentence with its fix; null when all is well.</summary>
    public virtual string? SettingWarning(DbConnection connection) => null;

    /// <summary>
    /// Taken while migrating, so two instances starting together do not both migrate. It is held by its own
    /// unpooled connection: closing that ends the session, which releases the lock whatever went wrong.
    /// </summary>
    public virtual string? MigrationLock => null;

    public static string Parameter(string column) =>
        "@" + string.Concat(column.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    protected static string Parameters(IEnumerable<string> columns) => string.Join(", ", columns.Select(Parameter));

    protected static string Assignments(IEnumerable<string> columns) =>
        string.Join(", ", columns.Select(c => $"{c} = {Parameter(c)}"));
}
