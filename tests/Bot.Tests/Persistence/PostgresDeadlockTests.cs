using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Persistence;
using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using Npgsql;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>
/// Deadlocks on a real PostgreSQL: a victim is told as the database being busy, and a route confirmed while a SIP change holds
/// the project waits for it instead of taking the number first. A class of its own: SQLite writes one transaction at a time,
/// and SQL Server is not run here.
/// </summary>
public sealed class PostgresDeadlockTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly PostgresTestDatabase _database = new();
    private readonly string _application = $"numbersbot-deadlock-{Guid.NewGuid():N}"[..40];
    private ServiceProvider _host = null!;
    private DatabaseOptions _options = null!;

    public async Task InitializeAsync()
    {
        var created = await _database.CreateAsync();
        // Named, so the sessions of this test waiting on a lock can be told from other tests' on the same server.
        _options = created with
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(created.ConnectionString) { ApplicationName = _application }.ConnectionString,
        };
        DatabaseStartup.Migrate(_options, NullLogger.Instance);
        _host = new ServiceCollection().AddSingleton(TimeProvider.System).AddPersistence(_options).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [SkippableFact]
    public async Task Of_two_changes_taking_two_rows_in_opposite_orders_one_gives_way_as_busy_with_nothing_kept_and_the_other_commits()
    {
        await StoreAsync(NewProject("alpha"));
        await StoreAsync(NewProject("beta"));
        await using var first = _host.CreateAsyncScope();
        await using var second = _host.CreateAsyncScope();

        await using var firstWork = await Get<IUnitOfWork>(first).BeginAsync(Ct);
        await using var secondWork = await Get<IUnitOfWork>(second).BeginAsync(Ct);
        await RenameAsync(first, "alpha", "Alpha by first");
        await RenameAsync(second, "beta", "Beta by second");
        var firstCrosses = RenameAsync(first, "beta", "Beta by first");
        await UntilWaitingAsync(1);
        var secondCrosses = RenameAsync(second, "alpha", "Alpha by second");

        var outcomes = await Task.WhenAll(Outcome(firstCrosses), Outcome(secondCrosses));

        var busy = Assert.IsType<DomainException>(Assert.Single(outcomes, o => o is not null));
        Assert.Equal(RefusalKind.Busy, busy.Kind);
        Assert.Equal(PostgresErrorCodes.DeadlockDetected, Assert.IsType<PostgresException>(busy.InnerException).SqlState);
        Assert.True(PostgresDialect.Instance.IsBusy((PostgresException)busy.InnerException!));
        Assert.EndsWith("so nothing was changed. Try again.", busy.Message);
        var (winner, name) = outcomes[0] is null ? (firstWork, "first") : (secondWork, "second");
        await winner.CommitAsync(Ct);
        await using var look = _host.CreateAsyncScope();
        Assert.Equal($"Alpha by {name}", (await Get<IProjectRepository>(look).FindAsync("alpha", Ct))!.Name);
        Assert.Equal($"Beta by {name}", (await Get<IProjectRepository>(look).FindAsync("beta", Ct))!.Name);
    }

    [SkippableFact]
    public async Task A_route_confirmed_while_a_SIP_change_holds_the_project_waits_for_it_without_taking_the_number_first()
    {
        var project = NewProject("alpha");
        await StoreAsync(project);
        var number = new ProjectNumber(Guid.NewGuid(), "alpha", PhoneNumber.ParseE164("+14155550100"), AgentEnvironment.Live, NumberSource.Platform,
            "PN100", simulated: true, null, DateTimeOffset.UtcNow, "local:alice");
        await using (var scope = _host.CreateAsyncScope()) await Get<INumberRepository>(scope).AddAsync(number, Ct);
        var routedTo = project.SipFor(AgentEnvironment.Live);

        // A SIP change as SetSipAddresses makes it: the project saved, then its numbers marked Routing, in one unit of work.
        await using var sipChange = _host.CreateAsyncScope();
        await using var change = await Get<IUnitOfWork>(sipChange).BeginAsync(Ct);
        project.SetSip(AgentEnvironment.Live, new SipAddresses("sip:moved@alpha.voice.example.com", "sip:moved-fallback@alpha.voice.example.com"));
        await Get<IProjectRepository>(sipChange).SaveAsync(project, Ct);

        await using var route = _host.CreateAsyncScope();
        var commit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var confirmed = Task.Run(async () =>
        {
            await using var work = await Get<IUnitOfWork>(route).BeginAsync(Ct);
            var marked = await Get<INumberRepository>(route).MarkRoutedAsync(number, routedTo, Ct);
            await commit.Task;
            await work.CommitAsync(Ct);
            return marked;
        });
        try
        {
            await UntilAsync(async () => await WaitingAsync() == 1 || await RowLockedAsync(number.Id));

            // Taken number first (the order before), the number would be held here, and the SIP change's next write would wait
            // on the route while the route waited on it where reads lock (SQL Server without READ_COMMITTED_SNAPSHOT).
            Assert.False(await RowLockedAsync(number.Id));
            Assert.True(await Get<INumberRepository>(sipChange).SetReachabilityAsync(number.Id, Reachability.Routing, null, Ct));
            await change.CommitAsync(Ct);
        }
        finally
        {
            commit.SetResult();
            await Outcome(confirmed); // ended before its scope is
        }

        Assert.False(await confirmed); // the addresses it routed to are no longer the project's
    }

    /// <summary>Whether another session holds the number's row, asked without waiting for it.</summary>
    private async Task<bool> RowLockedAsync(Guid id)
    {
        await using var probe = new NpgsqlConnection(_options.ConnectionString);
        await probe.OpenAsync();
        await using var transaction = await probe.BeginTransactionAsync();
        try
        {
            await probe.ExecuteAsync("SELECT 1 FROM numbers WHERE id = @id FOR UPDATE NOWAIT", new { id }, transaction);
            return false;
        }
        catch (PostgresException held) when (held.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return true;
        }
    }

    private static Project NewProject(string id) => new(id, id, TelephonyIntegration.PlatformPool, AgentEnvironments.All.ToDictionary(
        e => e, e => new SipAddresses($"sip:{e.ToString().ToLowerInvariant()}@{id}.voice.example.com", $"sip:fallback@{id}.voice.example.com")));

    private async Task StoreAsync(Project project)
    {
        await using var scope = _host.CreateAsyncScope();
        await Get<IProjectRepository>(scope).AddAsync(project, Ct);
    }

    private static async Task RenameAsync(AsyncServiceScope scope, string id, string name)
    {
        var projects = Get<IProjectRepository>(scope);
        var project = (await projects.FindAsync(id, Ct))!;
        project.Rename(name);
        await projects.SaveAsync(project, Ct);
    }

    /// <summary>What a task threw, or null; PostgreSQL releases a victim's locks as it fails, so the other goes on at once.</summary>
    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception failure)
        {
            return failure;
        }
    }

    private async Task UntilWaitingAsync(int sessions) => await UntilAsync(async () => await WaitingAsync() == sessions);

    /// <summary>This test's sessions waiting for a lock another holds.</summary>
    private async Task<long> WaitingAsync()
    {
        await using var connection = new NpgsqlConnection(_options.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = @Application AND wait_event_type = 'Lock'", new { Application = _application });
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within 20 seconds.");
            await Task.Delay(20);
        }
    }

    private static T Get<T>(AsyncServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();
}
