using System.Data.Common;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// Where every scope's <see cref="DbSession"/> gets its connections, owned by the host and closed with it. A SQLite file
/// keeps its connections open with their prepared statements (<see cref="SqliteConnectionPool"/>); every other database,
/// an in-memory SQLite one (it lives only as long as its connections) and "Pooling=False" use the driver as they are.
/// </summary>
internal sealed class ConnectionSource(SqlDialect dialect, DatabaseOptions options) : IDisposable
{
    private readonly SqliteConnectionPool? _sqlite =
        dialect is SqliteDialect && SqliteDialect.KeepsConnectionsOpen(options.ConnectionString) ? new(options.ConnectionString) : null;

    /// <summary>The pool of open SQLite connections, when this database has one.</summary>
    public SqliteConnectionPool? Sqlite => _sqlite;

    public Task<DbConnection> OpenAsync(CancellationToken ct) =>
        _sqlite?.OpenAsync(ct) ?? dialect.OpenAsync(options.ConnectionString, ct);

    public void Dispose() => _sqlite?.Dispose();
}
