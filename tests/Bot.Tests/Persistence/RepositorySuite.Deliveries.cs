using System.Data.Common;
using Dapper;
using NumbersBot.Bot.Persistence;

namespace NumbersBot.Bot.Tests.Persistence;

// The delivery log's group commit. The batch tests hold the writer still with another instance's uncommitted row
// (HeldDelivery), so what arrives meanwhile is known to queue behind the write in flight.
public abstract partial class RepositorySuite
{
    [SkippableFact]
    public async Task A_delivery_is_first_once_and_a_repeat_afterwards_on_any_instance()
    {
        await using (var bot = NewInstance())
            Assert.True(await bot.Deliveries.TryRecordFirstAsync("teams", "activity-1", Ct));
        await using var other = NewInstance();
        Assert.False(await other.Deliveries.TryRecordFirstAsync("teams", "activity-1", Ct));
        Assert.True(await other.Deliveries.TryRecordFirstAsync("slack", "activity-1", Ct));
    }

    [SkippableFact]
    public async Task Deliveries_arriving_while_one_is_written_are_each_first_and_share_one_commit()
    {
        var log = await DeliveryLogAsync();
        await using var held = await HeldDelivery.HoldAsync(Options, "teams:held");
        var first = await HeldDelivery.WriteInFlightAsync(log, "teams:held");
        var arrivals = Enumerable.Range(0, 20).Select(i => Task.Run(() => log.RecordAsync($"teams:activity-{i}", Ct))).ToArray();
        await HeldDelivery.UntilAsync(() => log.Queued == 20);
        // Nobody is answered before their row is committed.
        Assert.DoesNotContain(arrivals, a => a.IsCompleted);

        await held.Transaction.CommitAsync(Ct);

        Assert.False(await first); // the other instance's row came first
        Assert.All(await Task.WhenAll(arrivals), Assert.True);
        Assert.Equal(2, log.Commits);
        Assert.Equal(21, await CountDeliveriesAsync());
    }

    [SkippableFact]
    public async Task Of_one_delivery_twice_in_a_batch_only_the_first_caller_is_first()
    {
        var log = await DeliveryLogAsync();
        await using var held = await HeldDelivery.HoldAsync(Options, "teams:held");
        var first = await HeldDelivery.WriteInFlightAsync(log, "teams:held");
        var earlier = Task.Run(() => log.RecordAsync("teams:twice", Ct));
        await HeldDelivery.UntilAsync(() => log.Queued == 1);
        var later = Task.Run(() => log.RecordAsync("teams:twice", Ct));
        await HeldDelivery.UntilAsync(() => log.Queued == 2);

        await held.Transaction.RollbackAsync(Ct);

        Assert.True(await first);
        Assert.True(await earlier);
        Assert.False(await later);
        Assert.Equal(2, log.Commits);
    }

    [SkippableFact]
    public async Task A_batch_that_fails_fails_every_delivery_in_it_and_records_none()
    {
        var log = await DeliveryLogAsync();
        await using var held = await HeldDelivery.HoldAsync(Options, "teams:held");
        var first = await HeldDelivery.WriteInFlightAsync(log, "teams:held");
        // A key the table refuses (NOT NULL) stands for anything that fails inside a batch.
        var batch = new[] { "teams:good-1", null!, "teams:good-2" }.Select(key => Task.Run(() => log.RecordAsync(key, Ct))).ToArray();
        await HeldDelivery.UntilAsync(() => log.Queued == 3);

        await held.Transaction.RollbackAsync(Ct);

        Assert.True(await first);
        foreach (var delivery in batch) await Assert.ThrowsAnyAsync<DbException>(() => delivery);
        Assert.True(await log.RecordAsync("teams:good-1", Ct));
        Assert.True(await log.RecordAsync("teams:good-2", Ct));
        Assert.Equal(3, await CountDeliveriesAsync());
    }

    [SkippableFact]
    public async Task A_caller_that_stops_waiting_is_not_recorded_and_the_others_in_its_batch_are()
    {
        var log = await DeliveryLogAsync();
        await using var held = await HeldDelivery.HoldAsync(Options, "teams:held");
        var first = await HeldDelivery.WriteInFlightAsync(log, "teams:held");
        using var giving = new CancellationTokenSource();
        var before = Task.Run(() => log.RecordAsync("teams:before", Ct));
        await HeldDelivery.UntilAsync(() => log.Queued == 1);
        var givenUp = Task.Run(() => log.RecordAsync("teams:given-up", giving.Token));
        await HeldDelivery.UntilAsync(() => log.Queued == 2);
        var after = Task.Run(() => log.RecordAsync("teams:after", Ct));
        await HeldDelivery.UntilAsync(() => log.Queued == 3);

        giving.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givenUp);
        await held.Transaction.RollbackAsync(Ct);

        Assert.True(await first);
        Assert.True(await before);
        Assert.True(await after);
        Assert.True(await log.RecordAsync("teams:given-up", Ct)); // it was never written, so its redelivery is first
        Assert.Equal(4, await CountDeliveriesAsync());
    }

    [SkippableFact]
    public async Task Two_instances_recording_the_same_deliveries_at_once_are_first_once_per_delivery()
    {
        var dialect = SqlDialect.For(Options.Provider);
        using var otherHost = new ConnectionSource(dialect, Options);
        var logs = new[] { await DeliveryLogAsync(), new SqlDeliveryLog(dialect, otherHost, Clock) };
        var keys = Enumerable.Range(0, 40).Select(i => $"teams:activity-{i}").ToArray();

        // Each instance in its own order, so their batches meet the keys differently.
        var answers = await Task.WhenAll(logs.SelectMany((log, n) => (n == 0 ? keys : keys.Reverse()).Select(key =>
            Task.Run(async () => (key, first: await log.RecordAsync(key, Ct))))));

        Assert.All(answers.GroupBy(a => a.key), g => Assert.Single(g, a => a.first));
        Assert.Equal(40, await CountDeliveriesAsync());
    }

    /// <summary>The host's one delivery log, shared by every scope.</summary>
    private async Task<SqlDeliveryLog> DeliveryLogAsync()
    {
        await using var bot = NewInstance();
        return bot.Get<SqlDeliveryLog>();
    }

    private async Task<long> CountDeliveriesAsync()
    {
        await using var connection = await SqlDialect.For(Options.Provider).OpenAsync(Options.ConnectionString, Ct);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM deliveries");
    }
}
