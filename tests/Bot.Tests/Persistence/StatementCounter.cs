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

    /// <summary>Listens to the statements counter; dispose it when the test ends.</summary>
    public static MeterListener Listen()
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
