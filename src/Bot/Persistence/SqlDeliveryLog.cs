using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Persistence;

internal sealed class SqlDeliveryLog(DbSession db, TimeProvider clock) : IDeliveryLog
{
    public async Task<bool> TryRecordFirstAsync(string channel, string deliveryId, CancellationToken ct) =>
        // The key decides: of two instances receiving the same retry, exactly one inserts.
        await db.ExecuteAsync(db.Dialect.InsertIfAbsent("deliveries", "delivery_key", "delivery_key", "received_at"),
            new { DeliveryKey = $"{channel}:{deliveryId}", ReceivedAt = clock.GetUtcNow() }, ct) == 1;
}
