using System.Data.Common;
using DbUp;
using DbUp.Builder;
using Npgsql;

namespace NumbersBot.Bot.Persistence;

internal sealed class PostgresDialect : SqlDialect
{
    public static PostgresDialect Instance { get; } = new();

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string Describe(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"the PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port}";
        }
        catch (ArgumentException)
        {
            return "the PostgreSQL database (its connection string cannot be read)";
        }
    }

    public override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override bool IsBusy(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    // FOR SHARE waits for an UPDATE of the row (FOR NO KEY UPDATE) but not for other sharers, nor lets inserts naming it wait.
    public override string ShareRowFirst(string table, string idParameter) => $"SELECT FROM {table} WHERE id = {idParameter} FOR SHARE; ";

    public override UpgradeEngineBuilder MigrationTarget(string connectionString) =>
        DeployChanges.To.PostgresqlDatabase(connectionString);

    public override string MigrationLock => "SELECT pg_advisory_lock(4242001)";

    // Npgsql sends a list as one array parameter, which IN cannot take.
    public override string InList(string column, string listParameter) => $"{column} = ANY({listParameter})";
}
