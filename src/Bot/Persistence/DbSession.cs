using System.Data.Common;
using Dapper;
using NumbersBot.Domain;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// The database as one DI scope sees it: one connection, opened on first use, and at most one unit of work.
/// Repository calls inside a unit of work run in its transaction; outside one, each statement commits by itself.
/// </summary>
internal sealed class DbSession(SqlDialect dialect, DatabaseOptions options) : IUnitOfWork, IAsyncDisposable, IDisposable
{
    private DbConnection? _connection;
    private Work? _work;

    public SqlDialect Dialect => dialect;

    public async Task<IWork> BeginAsync(CancellationToken ct)
    {
        if (_work is not null)
            throw new InvalidOperationException("A unit of work is already open in this scope; units of work do not nest.");
        var connection = await ConnectionAsync(ct);
        _work = new Work(this, await dialect.BeginAsync(connection, ct));
        return _work;
    }

    public async Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken ct) =>
        await (await ConnectionAsync(ct)).ExecuteAsync(Command(sql, parameters, ct));

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken ct) =>
        (await (await ConnectionAsync(ct)).QueryAsync<T>(Command(sql, parameters, ct))).AsList();

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken ct) =>
        await (await ConnectionAsync(ct)).QuerySingleOrDefaultAsync<T>(Command(sql, parameters, ct));

    public async ValueTask DisposeAsync()
    {
        if (_work is not null) await _work.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }

    public void Dispose()
    {
        _work?.Transaction.Dispose();
        _work = null;
        _connection?.Dispose();
        _connection = null;
    }

    private CommandDefinition Command(string sql, object? parameters, CancellationToken ct) =>
        new(sql, parameters, _work?.Transaction, cancellationToken: ct);

    private async Task<DbConnection> ConnectionAsync(CancellationToken ct) =>
        _connection ??= await dialect.OpenAsync(options.ConnectionString, ct);

    private sealed class Work(DbSession session, DbTransaction transaction) : IWork
    {
        private bool _ended;

        public DbTransaction Transaction => transaction;

        public async Task CommitAsync(CancellationToken ct)
        {
            if (_ended) throw new InvalidOperationException("This unit of work has already ended.");
            await transaction.CommitAsync(ct);
            await EndAsync();
        }

        /// <summary>Without a commit, disposing the transaction rolls it back.</summary>
        public async ValueTask DisposeAsync()
        {
            if (!_ended) await EndAsync();
        }

        private async ValueTask EndAsync()
        {
            _ended = true;
            session._work = null;
            await transaction.DisposeAsync();
        }
    }
}
