using Dapper;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// Records deliveries by group commit: a lone delivery is written at once, and deliveries arriving while a write is in
/// flight wait for it and are written together in the next transaction, so concurrent turns share one durable commit (on
/// SQLite one fsync, which was a tenth of a Teams request's CPU). Each caller is answered only after its batch committed.
/// One per host, with its own connections, outside any request's <see cref="DbSession"/>.
/// </summary>
internal sealed class SqlDeliveryLog(SqlDialect dialect, ConnectionSource connections, TimeProvider clock) : IDeliveryLog
{
    private readonly string _insert = dialect.InsertIfAbsent("deliveries", "delivery_key", "delivery_key", "received_at");
    private readonly List<Delivery> _queued = [];
    private bool _writing;
    private long _commits;
    private int _waiting;

    /// <summary>Transactions committed, for tests and measurements: fewer than the deliveries when they were batched.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Deliveries asked about and not yet answered (queued or being written), for tests.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Deliveries waiting for the write in flight to end, to go into the next batch, for tests.</summary>
    public int Queued
    {
        get
        {
            lock (_queued) return _queued.Count;
        }
    }

    public Task<bool> TryRecordFirstAsync(string channel, string deliveryId, CancellationToken ct) =>
        RecordAsync($"{channel}:{deliveryId}", ct);

    /// <summary>True when this key's row was inserted by this call (the key decides: of two instances, exactly one inserts).</summary>
    public async Task<bool> RecordAsync(string key, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var delivery = new Delivery(key, clock.GetUtcNow());
        bool lead;
        lock (_queued)
        {
            _queued.Add(delivery);
            lead = !_writing;
            _writing = true;
        }
        Interlocked.Increment(ref _waiting);
        try
        {
            if (lead) _ = WriteQueuedAsync();
            return await delivery.Answer.Task.WaitAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Still queued: it will not be written, so a redelivery is first. Already in a batch: that batch goes on for the others.
            lock (_queued) _queued.Remove(delivery);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>Writes everything queued as one batch, then hands what queued up meanwhile to a new writer; never throws.</summary>
    private async Task WriteQueuedAsync()
    {
        Delivery[] batch;
        lock (_queued)
        {
            if (_queued.Count == 0)
            {
                _writing = false;
                return;
            }
            batch = [.. _queued];
            _queued.Clear();
        }
        try
        {
            var firsts = await WriteAsync(batch);
            for (var i = 0; i < batch.Length; i++) batch[i].Answer.TrySetResult(firsts[i]);
        }
        catch (Exception failure)
        {
            // Nothing of the batch was committed: each caller fails as a lone insert would, and a redelivery is first.
            foreach (var delivery in batch) delivery.Answer.TrySetException(failure);
        }
        lock (_queued)
        {
            if (_queued.Count == 0)
            {
                _writing = false;
                return;
            }
        }
        // On the thread pool: the caller that wrote this batch has its answer and is not kept for the next one.
        _ = Task.Run(WriteQueuedAsync);
    }

    private async Task<bool[]> WriteAsync(Delivery[] batch)
    {
        var firsts = new bool[batch.Length];
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        if (batch.Length == 1)
        {
            // Alone: one autocommitted statement, as cheap as before batching.
            firsts[0] = await InsertAsync(batch[0], null);
        }
        else
        {
            await using var transaction = await dialect.BeginAsync(connection, CancellationToken.None);
            // In key order, a stable sort: two instances' batches take their key locks in the same order (no deadlock), and
            // of one key twice in a batch the earlier caller inserts.
            foreach (var i in Enumerable.Range(0, batch.Length).OrderBy(i => batch[i].Key, StringComparer.Ordinal))
                firsts[i] = await InsertAsync(batch[i], transaction);
            await transaction.CommitAsync(CancellationToken.None);
        }
        Interlocked.Increment(ref _commits);
        return firsts;

        async Task<bool> InsertAsync(Delivery delivery, System.Data.Common.DbTransaction? transaction)
        {
            Hosting.Telemetry.DbStatements.Add(1, Hosting.Telemetry.Write);
            return await connection.ExecuteAsync(new CommandDefinition(_insert,
                new { DeliveryKey = delivery.Key, delivery.ReceivedAt }, transaction)) == 1;
        }
    }

    private sealed class Delivery(string key, DateTimeOffset receivedAt)
    {
        public string Key => key;

        public DateTimeOffset ReceivedAt => receivedAt;

        public TaskCompletionSource<bool> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
