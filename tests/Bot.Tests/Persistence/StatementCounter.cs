using System.Diagnostics.Metrics;
using NumbersBot.Bot.Hosting;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>
/// SQL statements run by one test's own calls, counted through the NumbersBot meter; the count rides an AsyncLocal, so
/// tests running beside it in the same process do not add to it.
/// </summary>
internal static class StatementCounter
{
    private static readonly AsyncLocal<long[]?> Counting = new();

    // One listener for the process: two tests each listening would both add to the count of whichever flow is counting.
    private static readonly Lazy<MeterListener> Shared = new(() =>
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Telemetry.Name && instrument.Name == Telemetry.DbStatementsName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (Counting.Value is not { } counts) return;
            var write = tags.Length == 1 && Equals(tags[0].Value, Telemetry.Write.Value);
            Interlocked.Add(ref counts[write ? 1 : 0], value);
        });
        listener.Start();
        return listener;
    });

    /// <summary>Makes sure the statements counter is listened to; the listener is shared, so disposing this does nothing.</summary>
    public static IDisposable Listen()
    {
        _ = Shared.Value;
        return new Nothing();
    }

    private sealed class Nothing : IDisposable
    {
        public void Dispose() { }
    }

    /// <summary>What <paramref name="action"/> returned, and the statements it ran that read (queries) and that changed rows (writes).</summary>
    public static async Task<(T Result, long Queries, long Writes)> CountAsync<T>(Func<Task<T>> action)
    {
        var counts = new long[2];
        Counting.Value = counts;
        try
        {
            var result = await action();
            return (result, Interlocked.Read(ref counts[0]), Interlocked.Read(ref counts[1]));
        }
        finally
        {
            Counting.Value = null;
        }
    }
}
