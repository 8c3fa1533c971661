using System.Data.Common;
using Dapper;
using NumbersBot.Bot.Persistence;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>
/// Another instance's delivery, inserted and not committed: a writer of the same key waits for it (on SQLite every writer
/// does, for its write lock), which holds a delivery log's write in flight while a test queues more behind it.
/// </summary>
internal sealed class HeldDelivery(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    public DbTransaction Transaction => transaction;

    public static async Task<HeldDelivery> HoldAsync(DatabaseOptions options, string key)
    {
        var dialect = SqlDialect.For(options.Provider);
        var connection = await dialect.OpenAsync(options.ConnectionString, CancellationToken.None);
        var transaction = await dialect.BeginAsync(connection, CancellationToken.None);
        await connection.ExecuteAsync(dialect.InsertIfAbsent("deliveries", "delivery_key", "delivery_key", "received_at"),
            new { DeliveryKey = key, ReceivedAt = DateTimeOffset.UnixEpoch }, transaction);
        return new HeldDelivery(connection, transaction);
    }

    /// <summary>Starts a delivery the log writes alone and that a held row holds up; returns once it is in flight.</summary>
    public static async Task<Task<bool>> WriteInFlightAsync(SqlDeliveryLog log, string key)
    {
        var writing = Task.Run(() => log.RecordAsync(key, CancellationToken.None));
        await UntilAsync(() => log.Waiting == 1 && log.Queued == 0);
        Assert.False(writing.IsCompleted);
        return writing;
    }

    public static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the deliveries never reached the expected state");
            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
