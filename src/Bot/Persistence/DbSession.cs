using System.Data.Common;
using Dapper;
using NumbersBot.Domain;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// The database as one DI scope sees it: at most one unit of work, which holds one connection until it ends.
/// Repository calls inside a unit of work run in its transaction; outside one, each statement takes a connection from
/// the pool and gives it back, so no connection is held while the scope waits on Twilio, Teams or Slack.
/// </summary>
internal sealed class DbSession(SqlDialect dialect, ConnectionSource connections, KeptReads kept, ILogger<DbSession>? logger = null)
    : IUnitOfWork, IAsyncDisposable, IDisposable
{
    private readonly KeptReads _kept = kept;
    private DbConnection? _connection;
    private Work? _work;

    public SqlDialect Dialect => dialect;

    public async Task<IWork> BeginAsync(CancellationToken ct)
    {
        if (_work is not null)
            throw new InvalidOperationException("A unit of work is already open in this scope; units of work do not nest.");
        _connection = await connections.OpenAsync(ct);
        try
        {
            _work = new Work(this, await dialect.BeginAsync(_connection, ct));
        }
        catch (DbException failure) when (dialect.IsBusy(failure))
        {
            await CloseAsync();
            throw Busy(failure);
        }
        catch
        {
            await CloseAsync();
            throw;
        }
        return _work;
    }

    /// <summary>True while a connection is taken from the pool: only during a unit of work.</summary>
    public bool HoldsConnection => _connection is not null;

    /// <summary>
    /// Writes this scope sent to what every action's gate reads (access, projects, variant catalogs): a gate read remembered
    /// for the turn (<see cref="SqlGateReads"/>) is good while this has not moved. Their repositories note each write.
    /// </summary>
    public long GateWrites { get; private set; }

    public void NoteGateWrite() => GateWrites++;

    /// <summary>Every write this scope sent (any table): a number read remembered for the turn is good while this has not moved.</summary>
    public long Writes { get; private set; }

    private (long Version, long Writes)? _version;

    /// <summary>
    /// The data_version this scope last read outside a unit of work (<see cref="KeptReads"/>), while it has written nothing
    /// since: a read made now is at least as new, so it may be kept under it or answered by rows kept under it.
    /// </summary>
    public long? Version => _work is null && _version is { } seen && seen.Writes == Writes ? seen.Version : null;

    /// <summary>True when reads may be kept or answered from <see cref="KeptReads"/>: outside a unit of work, where the dialect keeps reads.</summary>
    public bool MayKeepReads => _work is null && dialect.KeepsReads;

    public void NoteVersion(long version)
    {
        if (MayKeepReads) _version = (version, Writes);
    }

    /// <summary>The current data_version, noted as this scope's <see cref="Version"/>.</summary>
    public async Task<long> ReadVersionAsync(CancellationToken ct)
    {
        var version = await QuerySingleOrDefaultAsync<long>(KeptReads.VersionSql, null, ct);
        NoteVersion(version);
        return version;
    }

    public async Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken ct)
    {
        var seen = _kept.Newest;
        var changed = await RunAsync(connection => connection.ExecuteAsync(Command(sql, parameters, ct)), ct, writes: true);
        // Rows changed in a table a look reads moved data_version past everything kept so far (a conditional write that
        // matched none did not): told to KeptReads at once outside a unit of work, at the commit inside one.
        if (changed > 0 && KeptReads.LooksRead(sql))
        {
            _lookChanges++;
            if (_work is null) _kept.Passed(seen);
        }
        return changed;
    }

    private long _lookChanges;

    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken ct) =>
        RunAsync<IReadOnlyList<T>>(async connection => (await connection.QueryAsync<T>(Command(sql, parameters, ct))).AsList(), ct, writes: false);

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken ct) =>
        RunAsync(connection => connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters, ct)), ct, writes: false);

    /// <summary>Several SELECTs sent as one command: one round trip, counted as one query (each database runs a batch).</summary>
    public Task<T> QueryBatchAsync<T>(string sql, object? parameters, Func<SqlMapper.GridReader, Task<T>> read, CancellationToken ct) =>
        RunAsync(async connection =>
        {
            using var grid = await connection.QueryMultipleAsync(Command(sql, parameters, ct));
            return await read(grid);
        }, ct, writes: false);

    public async ValueTask DisposeAsync()
    {
        if (_work is not null) await _work.DisposeAsync();
        await CloseAsync();
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

    private async Task<T> RunAsync<T>(Func<DbConnection, Task<T>> statement, CancellationToken ct, bool writes)
    {
        Hosting.Telemetry.DbStatements.Add(1, writes ? Hosting.Telemetry.Write : Hosting.Telemetry.Query);
        if (writes) Writes++;
        try
        {
            if (_work is not null) return await statement(_connection!);
            await using var connection = await connections.OpenAsync(ct);
            var result = await statement(connection);
            if (writes) _savedWrites = true;
            return result;
        }
        catch (DbException failure) when (dialect.IsBusy(failure))
        {
            throw Busy(failure);
        }
    }

    // True once this scope's writes were committed (a unit of work, or a statement outside one): by the outbox rule nothing is
    // asked of a provider before a write is kept, so a scope that kept none has changed nothing anywhere.
    private bool _savedWrites;

    /// <summary>
    /// A deadlock victim (or the like) as a refusal a person can read. The database undid its transaction; the work around it
    /// rolls back as it unwinds, so trying again repeats nothing.
    /// </summary>
    private DomainException Busy(DbException failure)
    {
        logger?.LogWarning(failure, "The database made this scope give way to another change at the same moment (saved before it: {Saved})", _savedWrites);
        return new DomainException(RefusalKind.Busy, _savedWrites
            ? "The database was busy: another change reached the same records at the same moment, and this one gave way, so its last step " +
              "was undone. What was saved before it stands: look at how things are now before trying again."
            : "The database was busy: another change reached the same records at the same moment, and this one gave way, so nothing was " +
              "changed. Try again.", failure);
    }

    private void RollbackFailed(DbException failure) =>
        logger?.LogWarning(failure, "A unit of work ended without a commit and its rollback failed; its connection was closed instead");

    private async ValueTask CloseAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }

    private sealed class Work(DbSession session, DbTransaction transaction) : IWork
    {
        private bool _ended;

        public DbTransaction Transaction => transaction;

        public async Task CommitAsync(CancellationToken ct)
        {
            if (_ended) throw new InvalidOperationException("This unit of work has already ended.");
            var seen = session._kept.Newest;
            try
            {
                // PostgreSQL runs deferred triggers here (data_version), so a commit can be the victim too.
                await transaction.CommitAsync(ct);
            }
            catch (DbException failure) when (session.Dialect.IsBusy(failure))
            {
                throw session.Busy(failure);
            }
            if (session.Writes != _writesAtBegin) session._savedWrites = true;
            // Every look kept here up to what was seen before the commit is now out of date: the next ones read afresh at once.
            if (session._lookChanges != _lookChangesAtBegin) session._kept.Passed(seen);
            await EndAsync();
        }

        private readonly long _writesAtBegin = session.Writes;

        private readonly long _gateWritesAtBegin = session.GateWrites;
        private readonly long _lookChangesAtBegin = session._lookChanges;

        /// <summary>Without a commit, disposing the transaction rolls it back.</summary>
        public async ValueTask DisposeAsync()
        {
            if (_ended) return;
            // A gate read remembered after this work's own writes would still show what the rollback undid.
            if (session.GateWrites != _gateWritesAtBegin) session.NoteGateWrite();
            try
            {
                await EndAsync();
            }
            catch (DbException failure)
            {
                // Thrown from here it would replace the error that ended the work (this runs as it unwinds). The connection is
                // closed all the same, and closing it rolls back what the rollback could not.
                session.RollbackFailed(failure);
            }
        }

        private async ValueTask EndAsync()
        {
            _ended = true;
            session._work = null;
            try
            {
                await transaction.DisposeAsync();
            }
            finally
            {
                await session.CloseAsync();
            }
        }
    }
}
