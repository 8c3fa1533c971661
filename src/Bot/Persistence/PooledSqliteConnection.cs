using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// A connection lent by <see cref="SqliteConnectionPool"/> to one scope: Dapper's commands run on the connection's cached,
/// already prepared statements, and disposing it gives the connection back (rolling back a transaction left open).
/// </summary>
internal sealed class PooledSqliteConnection(PreparedConnection lent) : DbConnection
{
    private PreparedConnection? _lent = lent;
    private SqliteTransaction? _transaction;

    /// <summary>The driver's connection, for what only it offers (BEGIN IMMEDIATE, the handle).</summary>
    public SqliteConnection Inner => Lent.Connection;

    internal PreparedConnection Lent => _lent ?? throw new ObjectDisposedException(nameof(PooledSqliteConnection), "The connection was given back to the pool.");

    [AllowNull]
    public override string ConnectionString
    {
        get => Inner.ConnectionString;
        set => throw new NotSupportedException("A pooled connection keeps the pool's connection string.");
    }

    public override string Database => Inner.Database;

    public override string DataSource => Inner.DataSource;

    public override string ServerVersion => Inner.ServerVersion;

    public override int ConnectionTimeout => Inner.ConnectionTimeout;

    public override ConnectionState State => _lent is null ? ConnectionState.Closed : Inner.State;

    public override void ChangeDatabase(string databaseName) => Inner.ChangeDatabase(databaseName);

    public override void Open()
    {
        if (State != ConnectionState.Open) throw new InvalidOperationException("A pooled connection is opened by the pool, once.");
    }

    public override void Close() => GiveBack();

    /// <summary>BEGIN IMMEDIATE or DEFERRED on the driver's connection, remembered so giving the connection back rolls it back.</summary>
    public SqliteTransaction BeginTransaction(bool deferred) => _transaction = Inner.BeginTransaction(deferred);

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => _transaction = Inner.BeginTransaction(isolationLevel);

    protected override DbCommand CreateDbCommand() => new CachedStatementCommand(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing) GiveBack();
        base.Dispose(disposing);
    }

    private void GiveBack()
    {
        if (_lent is not { } lent) return;
        _lent = null;
        try
        {
            // Completed transactions do nothing here; an open one is rolled back, as closing a connection does.
            _transaction?.Dispose();
        }
        catch (SqliteException)
        {
            // Thrown from a Dispose it would hide the error that ended the scope. Nothing is lost: a connection still in its
            // transaction is closed by the pool, not kept, and closing it rolls the transaction back.
        }
        finally
        {
            _transaction = null;
            lent.Pool.Return(lent);
        }
    }
}

/// <summary>
/// What Dapper fills in (SQL, parameters, transaction) is held here and handed, at execution, to the connection's cached
/// command for that SQL, which keeps its prepared statements and rebinds the parameters. Disposing this gives that command back.
/// </summary>
internal sealed class CachedStatementCommand(PooledSqliteConnection connection) : DbCommand
{
    // Holds the text and parameters only: it has no connection, so it is never prepared.
    private readonly SqliteCommand _request = new();
    private SqliteCommand? _running;
    private DbDataReader? _reader;
    private int? _timeout;
    // An interrupt stops whatever the connection is running, and once this command is done the connection may be lent to
    // someone else: Cancel interrupts only while this command's statement runs.
    private readonly Lock _gate = new();
    private bool _executing;

    [AllowNull]
    public override string CommandText
    {
        get => _request.CommandText;
        set => _request.CommandText = value;
    }

    public override int CommandTimeout
    {
        get => _timeout ?? connection.Inner.DefaultTimeout;
        set => _timeout = value;
    }

    public override CommandType CommandType
    {
        get => _request.CommandType;
        set => _request.CommandType = value;
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (!ReferenceEquals(value, connection)) throw new NotSupportedException("A cached statement stays on the connection that made it.");
        }
    }

    protected override DbParameterCollection DbParameterCollection => _request.Parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    /// <summary>Stops this command's statement if it is running (the driver's own Cancel does nothing): it fails as interrupted.</summary>
    public override void Cancel()
    {
        lock (_gate)
        {
            if (_executing) raw.sqlite3_interrupt(connection.Inner.Handle);
        }
    }

    /// <summary>Nothing to do: the statement is prepared on first execution and kept.</summary>
    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => _request.CreateParameter();

    // DbCommand's async methods run the statement with Cancel registered on the token: an interrupt is the cancellation.
    public override Task<int> ExecuteNonQueryAsync(CancellationToken ct) => Cancellable(base.ExecuteNonQueryAsync(ct), ct);

    public override Task<object?> ExecuteScalarAsync(CancellationToken ct) => Cancellable(base.ExecuteScalarAsync(ct), ct);

    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken ct) =>
        Cancellable(base.ExecuteDbDataReaderAsync(behavior, ct), ct);

    public override int ExecuteNonQuery() => Run(command => command.ExecuteNonQuery());

    public override object? ExecuteScalar() => Run(command => command.ExecuteScalar());

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => _reader = Run(command => command.ExecuteReader(behavior));

    private T Run<T>(Func<SqliteCommand, T> execute)
    {
        if (_running is not null && _running.CommandText != CommandText) ReturnRunning();
        var command = _running ??= connection.Lent.Take(CommandText);
        command.Parameters.Clear();
        foreach (SqliteParameter parameter in _request.Parameters) command.Parameters.Add(parameter);
        command.Transaction = (SqliteTransaction?)DbTransaction;
        command.CommandTimeout = CommandTimeout;
        // A failed run (a constraint, a busy timeout, an interrupt) leaves the driver's command reset and reusable, so it stays cached.
        lock (_gate) _executing = true;
        try
        {
            return execute(command);
        }
        finally
        {
            lock (_gate) _executing = false;
        }
    }

    private static async Task<T> Cancellable<T>(Task<T> run, CancellationToken ct)
    {
        try
        {
            return await run;
        }
        catch (SqliteException interrupted) when (interrupted.SqliteErrorCode == raw.SQLITE_INTERRUPT && ct.IsCancellationRequested)
        {
            throw new OperationCanceledException("The statement was cancelled.", interrupted, ct);
        }
    }

    private void ReturnRunning()
    {
        if (_running is null) return;
        // A command outliving its connection must not touch it: another scope may have it now. The lost command's
        // statements are finalized when the connection closes.
        if (connection.State == ConnectionState.Open)
        {
            // Dapper has read to the end by now; a reader left open would keep the statement busy for the next renter.
            if (_reader is { IsClosed: false }) _reader.Dispose();
            connection.Lent.Give(_running);
        }
        _reader = null;
        _running = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReturnRunning();
            _request.Dispose();
        }
        base.Dispose(disposing);
    }
}
