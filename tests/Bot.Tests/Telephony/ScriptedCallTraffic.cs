using NumbersBot.Domain;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Telephony;

/// <summary>A call log that answers every number with calls this long ago (by the system clock), counts what it is asked, and can fail or never answer.</summary>
public sealed class ScriptedCallTraffic(params TimeSpan[] ago) : ICallTraffic
{
    private int _asked;

    public int Asked => Volatile.Read(ref _asked);
    public List<(string Project, string E164, NumberSource Source)> Questions { get; } = [];
    public string? FailWith { get; set; }
    public bool Hang { get; set; }

    public async Task<IReadOnlyList<DateTimeOffset>> InboundCallsAsync(
        string projectId, PhoneNumber number, NumberSource source, DateTimeOffset since, CancellationToken ct)
    {
        Interlocked.Increment(ref _asked);
        lock (Questions) Questions.Add((projectId, number.E164, source));
        if (FailWith is { } failure) throw new DomainException(RefusalKind.ProviderFailed, failure);
        if (Hang) await Task.Delay(Timeout.Infinite, ct);
        var now = DateTimeOffset.UtcNow;
        return ago.Select(a => now - a).ToList();
    }
}
