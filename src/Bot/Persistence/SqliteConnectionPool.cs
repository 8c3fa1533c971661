using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// SQLite connections kept open between statements, each with the statements it has prepared: parsing and planning a
/// statement cost about a fifth of a request's CPU when every command was new. The driver finalizes a connection's
/// statements when it is closed, so these stay open until the host ends (or the pool already holds enough idle ones).
/// One renter at a time: a connection is either idle here or lent to exactly one scope.
/// </summary>
internal sealed class SqliteConnectionPool(string connectionString) : IDisposable
{
    /// <summary>Idle connections kept; more than this are closed when given back. Concurrent requests beyond it still get one.</summary>
    public const int Capacity = 16;

    private readonly Stack<PreparedConnection> _idle = new();
    private bool _disposed;
    private int _prepared;

    /// <summary>Statements prepared by all of this pool's connections, for tests: a statement run again on the same connection is not counted again.</summary>
    public int Prepared => Volatile.Read(ref _prepared);

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        PreparedConnection? idle = null;
        lock (_idle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _idle.TryPop(out idle);
        }
        // The dialect's open sets the per-connection options (busy timeout, …) once, for the connection's whole life here.
        idle ??= new PreparedConnection((SqliteConnection)await SqliteDialect.Instance.OpenAsync(connectionString, ct), this);
        return new PooledSqliteConnection(idle);
    }

    internal void CountPrepared() => Interlocked.Increment(ref _prepared);

    /// <summary>Kept only if it is as a new one would be: open, in no transaction, and no statement still running.</summary>
    internal void Return(PreparedConnection connection)
    {
        var open = connection.Connection.State == ConnectionState.Open;
        var inTransaction = open && raw.sqlite3_get_autocommit(connection.Connection.Handle) == 0;
        var reusable = open && !inTransaction && connection.AllCommandsBack;
        lock (_idle)
        {
            if (reusable && !_disposed && _idle.Count < Capacity)
            {
                _idle.Push(connection);
                return;
            }
        }
        // Still in a transaction (its rollback failed): closed, the driver would keep it in its own pool and give it, in that
        // transaction, to the next open. Emptying the driver's pool makes closing it close it, which rolls the transaction back.
        if (inTransaction) SqliteConnection.ClearPool(connection.Connection);
        connection.Dispose();
    }

    public void Dispose()
    {
        PreparedConnection[] idle;
        lock (_idle)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }
        foreach (var connection in idle) connection.Dispose();
    }
}

/// <summary>One open connection and its prepared statements, most recently used first, keyed by their SQL.</summary>
internal sealed class PreparedConnection(SqliteConnection connection, SqliteConnectionPool pool) : IDisposable
{
    /// <summary>Statements kept per connection; the least recently used is finalized past it (e.g. IN lists of many lengths).</summary>
    public const int Capacity = 64;

    private readonly Dictionary<string, LinkedListNode<SqliteCommand>> _bySql = new(StringComparer.Ordinal);
    private readonly LinkedList<SqliteCommand> _byUse = new();
    private int _out;

    public SqliteConnection Connection => connection;

    public SqliteConnectionPool Pool => pool;

    /// <summary>
    /// False while a command taken is not given back: its statement may be mid-read, which would hold the next renter in its
    /// read (an old snapshot, and a write refused as busy), and its owner may still step it on someone else's connection.
    /// </summary>
    public bool AllCommandsBack => _out == 0;

    /// <summary>The cached command for this SQL, taken out while it runs (so no one else can rebind it), or a new one.</summary>
    public SqliteCommand Take(string sql)
    {
        _out++;
        if (_bySql.Remove(sql, out var node))
        {
            _byUse.Remove(node);
            return node.Value;
        }
        pool.CountPrepared();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Back into the cache, its statements still prepared; its parameters are let go.</summary>
    public void Give(SqliteCommand command)
    {
        _out--;
        command.Parameters.Clear();
        command.Transaction = null;
        if (_bySql.ContainsKey(command.CommandText))
        {
            command.Dispose();
            return;
        }
        _bySql[command.CommandText] = _byUse.AddFirst(command);
        if (_byUse.Count <= Capacity) return;
        var oldest = _byUse.Last!;
        _byUse.RemoveLast();
        _bySql.Remove(oldest.Value.CommandText);
        oldest.Value.Dispose();
    }

    public void Dispose()
    {
        foreach (var command in _byUse) command.Dispose();
        _byUse.Clear();
        _bySql.Clear();
        connection.Dispose();
    }
}
