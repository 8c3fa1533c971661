using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Persistence;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>
/// The delivery log's lock order, seen where a batch waits on one key at a time: on PostgreSQL (SQLite writes one
/// transaction at a time; SQL Server's key-range locks can also hold neighbouring keys). Two hosts on one database.
/// </summary>
public sealed class PostgresDeliveryLockOrderTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();
    private readonly List<ServiceProvider> _hosts = [];
    private DatabaseOptions _options = null!;

    public async Task InitializeAsync()
    {
        _options = await _database.CreateAsync();
        DatabaseStartup.Migrate(_options, NullLogger.Instance);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [SkippableFact]
    public async Task A_batch_takes_its_keys_in_key_order_so_another_instance_is_never_kept_waiting_for_a_later_key()
    {
        var log = NewHost();
        var other = NewHost();
        await using var before = await HeldDelivery.HoldAsync(_options, "teams:before");
        await using var middle = await HeldDelivery.HoldAsync(_options, "teams:m");
        var first = await HeldDelivery.WriteInFlightAsync(log, "teams:before");
        var later = Task.Run(() => log.RecordAsync("teams:z", CancellationToken.None));
        await HeldDelivery.UntilAsync(() => log.Queued == 1);
        var earlier = Task.Run(() => log.RecordAsync("teams:m", CancellationToken.None));
        await HeldDelivery.UntilAsync(() => log.Queued == 2);
        await before.Transaction.RollbackAsync();
        Assert.True(await first);
        await HeldDelivery.UntilAsync(() => log.Queued == 0 && log.Waiting == 2);

        // The batch (z then m as they came) waits at m holding nothing after it, so the other host takes z at once; had it
        // taken z first, two hosts' batches meeting the same keys in opposite orders would deadlock.
        var taken = other.RecordAsync("teams:z", CancellationToken.None);
        Assert.Same(taken, await Task.WhenAny(taken, Task.Delay(TimeSpan.FromSeconds(5))));
        Assert.True(await taken);
        await middle.Transaction.RollbackAsync();
        Assert.True(await earlier);
        Assert.False(await later);
    }

    private SqlDeliveryLog NewHost()
    {
        var host = new ServiceCollection().AddSingleton(TimeProvider.System).AddPersistence(_options).BuildServiceProvider();
        _hosts.Add(host);
        return host.GetRequiredService<SqlDeliveryLog>();
    }
}
