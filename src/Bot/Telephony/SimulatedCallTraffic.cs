using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Telephony;

/// <summary>
/// Plausible call logs for fictional numbers: each number has a steady daily rate picked from its digits (some quiet,
/// some busy), with calls spread over the day at times that depend only on the number and the slot, so the same
/// question always gets the same answer.
/// </summary>
public sealed class SimulatedCallTraffic(SimulatedTelephonyFaults faults, TimeProvider clock) : ICallTraffic
{
    private static readonly int[] CallsPerDay = [0, 3, 214, 12, 0, 40, 1];

    public Task<IReadOnlyList<DateTimeOffset>> InboundCallsAsync(
        string projectId, PhoneNumber number, NumberSource source, DateTimeOffset since, CancellationToken ct)
    {
        faults.ThrowIfFailing("call log");
        IReadOnlyList<DateTimeOffset> calls = Calls(number.E164, since, clock.GetUtcNow());
        return Task.FromResult(calls);
    }

    /// <summary>The calls to <paramref name="e164"/> between <paramref name="since"/> and <paramref name="until"/>, oldest first.</summary>
    public static List<DateTimeOffset> Calls(string e164, DateTimeOffset since, DateTimeOffset until)
    {
        var seed = Fnv(e164);
        var perDay = CallsPerDay[seed % (uint)CallsPerDay.Length];
        var calls = new List<DateTimeOffset>();
        if (perDay == 0) return calls;
        var slot = TimeSpan.FromDays(1) / perDay;
        for (var k = since.UtcTicks / slot.Ticks; k <= until.UtcTicks / slot.Ticks; k++)
        {
            // A call somewhere in the slot's first 90%, at an offset fixed by the number and the slot.
            var at = new DateTimeOffset(k * slot.Ticks + (long)(slot.Ticks * 0.9 * (Fnv($"{e164}#{k}") % 1000) / 1000.0), TimeSpan.Zero);
            if (at >= since && at <= until) calls.Add(at);
        }
        return calls;
    }

    private static uint Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
