using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Persistence;
using SQLitePCL;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>
/// On a SQLite file the host keeps its connections open and reuses each one's prepared statements: what a statement
/// answers, and what a transaction leaves behind, are as they were when every command was prepared anew.
/// </summary>
public sealed class SqliteStatementCacheTests : IAsyncLifetime
{
    private const string Find = "SELECT address FROM conversations WHERE conversation_key = @Key";
    private const string Insert = "INSERT INTO conversations (conversation_key, address, updated_at) VALUES (@Key, @Address, '2025-03-04')";
    private static readonly CancellationToken Ct = CancellationToken.None;
    // About half a minute of counting on this machine when nothing stops it.
    private const string Long = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000000) SELECT COUNT(*) FROM n";

    private readonly SqliteTestDatabase _database = new();
    private ServiceProvider _services = null!;

    private ConnectionSource Source => _services.GetRequiredService<ConnectionSource>();
    private SqliteConnectionPool Pool => Source.Sqlite!;

    public async Task InitializeAsync()
    {
        var options = await _database.CreateAsync();
        DatabaseStartup.Migrate(options, NullLogger.Instance);
        _services = new ServiceCollection().AddSingleton(TimeProvider.System).AddPersistence(options).BuildServiceProvider(validateScopes: true);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_statement_run_again_is_not_prepared_again_and_answers_for_its_new_parameters()
    {
        await InScopeAsync(db => db.ExecuteAsync(Insert, new { Key = "a", Address = "first" }, Ct));
        await InScopeAsync(db => db.ExecuteAsync(Insert, new { Key = "b", Address = "second" }, Ct));
        var prepared = Pool.Prepared;

        Assert.Equal("first", await InScopeAsync(db => db.QuerySingleOrDefaultAsync<string>(Find, new { Key = "a" }, Ct)));
        Assert.Equal(prepared + 1, Pool.Prepared);
        Assert.Equal("second", await InScopeAsync(db => db.QuerySingleOrDefaultAsync<string>(Find, new { Key = "b" }, Ct)));
        Assert.Null(await InScopeAsync(db => db.QuerySingleOrDefaultAsync<string>(Find, new { Key = "c" }, Ct)));
        Assert.Equal(prepared + 1, Pool.Prepared);
    }

    [Fact]
    public async Task A_cached_statement_runs_in_the_unit_of_work_that_uses_it()
    {
        await InScopeAsync(db => db.QuerySingleOrDefaultAsync<string>(Find, new { Key = "a" }, Ct));
        var prepared = Pool.Prepared;

        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            await using var work = await db.BeginAsync(Ct);
            await db.ExecuteAsync(Insert, new { Key = "a", Address = "in the work" }, Ct);
            Assert.Equal("in the work", await db.QuerySingleOrDefaultAsync<string>(Find, new { Key = "a" }, Ct));
            await using (var other = await Source.OpenAsync(Ct))
                Assert.Null(await other.QuerySingleOrDefaultAsync<string>(Find, new { Key = "a" }));
            await work.CommitAsync(Ct);
        }

        Assert.Equal("in the work", await InScopeAsync(db => db.QuerySingleOrDefaultAsync<string>(Find, new { Key = "a" }, Ct)));
        Assert.Equal(prepared + 2, Pool.Prepared); // the INSERT, and the SELECT once more on the second connection
    }

    [Fact]
    public async Task A_unit_of_work_left_uncommitted_leaves_nothing_and_its_connection_comes_back_in_no_transaction()
    {
        var used = await NextConnectionAsync();
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            await using var work = await db.BeginAsync(Ct);
            await db.ExecuteAsync(Insert, new { Key = "a", Address = "rolled back" }, Ct);
        }

        await using var next = (PooledSqliteConnection)await Source.OpenAsync(Ct);
        Assert.Same(used, next.Inner);
        Assert.Equal(1, raw.sqlite3_get_autocommit(next.Inner.Handle));
        Assert.Null(await next.QuerySingleOrDefaultAsync<string>(Find, new { Key = "a" }));
    }

    [Fact]
    public async Task Giving_back_a_connection_in_a_transaction_rolls_it_back_and_keeps_the_connection()
    {
        SqliteConnection used;
        await using (var connection = (PooledSqliteConnection)await Source.OpenAsync(Ct))
        {
            var transaction = await SqliteDialect.Instance.BeginAsync(connection, Ct);
            await connection.ExecuteAsync(Insert, new { Key = "a", Address = "never committed" }, transaction);
            used = connection.Inner;
        }

        await using var next = (PooledSqliteConnection)await Source.OpenAsync(Ct);
        Assert.Same(used, next.Inner);
        Assert.Null(await next.QuerySingleOrDefaultAsync<string>(Find, new { Key = "a" }));
        Assert.Equal(1, await next.ExecuteAsync(Insert, new { Key = "a", Address = "outside any transaction" }));
    }

    [Fact]
    public async Task A_connection_given_back_in_the_middle_of_a_read_is_not_lent_again()
    {
        await InScopeAsync(db => db.ExecuteAsync(Insert, new { Key = "a", Address = "first" }, Ct));
        await InScopeAsync(db => db.ExecuteAsync(Insert, new { Key = "b", Address = "second" }, Ct));
        var connection = (PooledSqliteConnection)await Source.OpenAsync(Ct);
        var used = connection.Inner;
        var command = connection.CreateCommand();
        command.CommandText = "SELECT address FROM conversations ORDER BY conversation_key";
        var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));

        // Given back before its command: the statement still stepping would keep the next renter in its old read.
        await connection.DisposeAsync();
        await using (var writer = new SqliteConnection(ConnectionStringOf()))
        {
            await writer.OpenAsync(Ct);
            await writer.ExecuteAsync(Insert, new { Key = "c", Address = "third" });
        }

        await using var next = (PooledSqliteConnection)await Source.OpenAsync(Ct);
        Assert.Equal(3, await next.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM conversations"));
        Assert.NotSame(used, next.Inner);
        await command.DisposeAsync();
    }

    [Fact]
    public async Task A_failed_statement_runs_again_afterwards_inside_and_outside_a_unit_of_work()
    {
        await InScopeAsync(db => db.ExecuteAsync(Insert, new { Key = "a", Address = "first" }, Ct));

        var failure = await Assert.ThrowsAsync<SqliteException>(() => InScopeAsync(db => db.ExecuteAsync(Insert, new { Key = "a", Address = "again" }, Ct)));
        Assert.True(SqliteDialect.Instance.IsUniqueViolation(failure));
        Assert.Equal(1, await InScopeAsync(db => db.ExecuteAsync(Insert, new { Key = "b", Address = "second" }, Ct)));

        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            await using var work = await db.BeginAsync(Ct);
            await Assert.ThrowsAsync<SqliteException>(() => db.ExecuteAsync(Insert, new { Key = "b", Address = "again" }, Ct));
            await db.ExecuteAsync(Insert, new { Key = "c", Address = "third" }, Ct);
            await work.CommitAsync(Ct);
        }

        Assert.Equal(["first", "second", "third"],
            await InScopeAsync(db => db.QueryAsync<string>("SELECT address FROM conversations ORDER BY conversation_key", null, Ct)));
    }

    [Fact]
    public async Task A_long_statement_whose_token_is_cancelled_stops_and_its_connection_goes_on_working()
    {
        await using var connection = await Source.OpenAsync(Ct);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connection.ExecuteScalarAsync<long>(new CommandDefinition(Long, cancellationToken: cancel.Token)));

        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5)); // uncancelled, it counts for half a minute
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT 1"));
    }

    [Fact]
    public async Task A_long_statement_cancelled_through_its_command_stops_as_interrupted()
    {
        await using var connection = await Source.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = Long;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        _ = Task.Delay(300).ContinueWith(_ => command.Cancel(), TaskScheduler.Default);

        var interrupted = Assert.Throws<SqliteException>(() => command.ExecuteScalar());

        Assert.Equal(raw.SQLITE_INTERRUPT, interrupted.SqliteErrorCode);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT 1"));
    }

    [Fact]
    public async Task A_rollback_that_fails_when_a_connection_is_given_back_leaves_the_error_that_ended_the_scope()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var connection = (PooledSqliteConnection)await Source.OpenAsync(Ct);
            var transaction = await SqliteDialect.Instance.BeginAsync(connection, Ct);
            await connection.ExecuteAsync(Insert, new { Key = "a", Address = "never committed" }, transaction);
            RefuseRollback(connection.Inner);
            throw new InvalidOperationException("what went wrong");
        });

        Assert.Equal("what went wrong", failure.Message);
        await using var next = (PooledSqliteConnection)await Source.OpenAsync(Ct);
        Assert.Null(await next.QuerySingleOrDefaultAsync<string>(Find, new { Key = "a" }));
    }

    [Fact]
    public async Task A_rollback_that_fails_when_a_unit_of_work_ends_uncommitted_leaves_the_error_that_ended_it()
    {
        RefuseRollback(await NextConnectionAsync());

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var scope = _services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            await using var work = await db.BeginAsync(Ct);
            await db.ExecuteAsync(Insert, new { Key = "a", Address = "never committed" }, Ct);
            throw new InvalidOperationException("what went wrong");
        });

        Assert.Equal("what went wrong", failure.Message);
        Assert.Null(await InScopeAsync(db => db.QuerySingleOrDefaultAsync<string>(Find, new { Key = "a" }, Ct)));
    }

    [Fact]
    public async Task Connections_lent_at_the_same_time_are_never_the_same_one()
    {
        var lent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Source.OpenAsync(Ct)));
        var inner = lent.Cast<PooledSqliteConnection>().Select(c => c.Inner).ToList();
        Assert.Equal(inner.Count, inner.Distinct().Count());
        foreach (var connection in lent) await connection.DisposeAsync();

        // Scopes each holding a unit of work while the others run theirs.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await using var scope = _services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            await using var work = await db.BeginAsync(Ct);
            await db.ExecuteAsync(Insert, new { Key = $"k{i}", Address = $"a{i}" }, Ct);
            Assert.Equal($"a{i}", await db.QuerySingleOrDefaultAsync<string>(Find, new { Key = $"k{i}" }, Ct));
            await work.CommitAsync(Ct);
        })));
        Assert.Equal(8, (await InScopeAsync(db => db.QueryAsync<string>("SELECT address FROM conversations", null, Ct))).Count);
    }

    [Fact]
    public async Task The_least_recently_used_statement_is_let_go_when_a_connection_holds_too_many()
    {
        await using var connection = await Source.OpenAsync(Ct);
        for (var i = 0; i <= PreparedConnection.Capacity; i++) Assert.Equal(i, await connection.ExecuteScalarAsync<int>($"SELECT {i}"));
        var prepared = Pool.Prepared;

        Assert.Equal(PreparedConnection.Capacity, await connection.ExecuteScalarAsync<int>($"SELECT {PreparedConnection.Capacity}"));
        Assert.Equal(prepared, Pool.Prepared);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT 0"));
        Assert.Equal(prepared + 1, Pool.Prepared);
    }

    [Fact]
    public async Task A_kept_connection_waits_for_a_concurrent_writer_as_configured()
    {
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"{ConnectionStringOf()};Default Timeout=7");
        using var source = new ConnectionSource(SqliteDialect.Instance, options);
        for (var open = 0; open < 2; open++)
        {
            await using var connection = await source.OpenAsync(Ct);
            Assert.Equal(7000L, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout;"));
        }
    }

    [Fact]
    public async Task The_host_closes_its_kept_connections_when_it_ends()
    {
        SqliteConnection kept;
        await using (var connection = (PooledSqliteConnection)await Source.OpenAsync(Ct)) kept = connection.Inner;

        await _services.DisposeAsync();

        Assert.Equal(System.Data.ConnectionState.Closed, kept.State);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared")]
    [InlineData("Data Source=numbers.db;Pooling=False")]
    public void An_in_memory_or_unpooled_database_keeps_no_connections_open(string connectionString)
    {
        using var source = new ConnectionSource(SqliteDialect.Instance, new DatabaseOptions(DatabaseProvider.Sqlite, connectionString));
        Assert.Null(source.Sqlite);
    }

    /// <summary>SQLite refuses to prepare ROLLBACK on this connection from now on: a rollback that fails.</summary>
    private static void RefuseRollback(SqliteConnection connection) =>
        raw.sqlite3_set_authorizer(connection.Handle, (_, action, operation, _, _, _) =>
            action == raw.SQLITE_TRANSACTION && operation == "ROLLBACK" ? raw.SQLITE_DENY : raw.SQLITE_OK, null);

    private string ConnectionStringOf() => _services.GetRequiredService<DatabaseOptions>().ConnectionString;

    private async Task<T> InScopeAsync<T>(Func<DbSession, Task<T>> statement)
    {
        await using var scope = _services.CreateAsyncScope();
        return await statement(scope.ServiceProvider.GetRequiredService<DbSession>());
    }

    /// <summary>The connection the next scope will get: the pool lends the one given back last.</summary>
    private async Task<SqliteConnection> NextConnectionAsync()
    {
        await using var connection = (PooledSqliteConnection)await Source.OpenAsync(Ct);
        return connection.Inner;
    }
}
