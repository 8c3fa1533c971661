using System.Collections.Concurrent;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Domain.Telephony;

/// <summary>How long the call log is waited for (it must never hold up a decision) and how long its figures are reused.</summary>
public sealed record CallTrafficPolicy(TimeSpan Wait, TimeSpan CacheFor)
{
    public static CallTrafficPolicy Default { get; } = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(60));
}

/// <summary>
/// A number's recent calls for a card: each number's figures are reused for a short while, so cards shown in a row
/// (a confirmation, then every approval copy) ask the provider once; a provider that fails or is slow gives
/// <see cref="RecentCalls.Unknown"/>, never an error, so confirming and approving still work.
/// </summary>
public sealed class RecentCallsReader(ICallTraffic provider, CallTrafficPolicy policy, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, RecentCalls Calls)> _read = new();

    public async Task<RecentCalls> OfAsync(string projectId, PhoneNumber number, NumberSource source, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var key = $"{projectId}|{source}|{number.E164}";
        if (_read.TryGetValue(key, out var cached) && now - cached.ReadAt < policy.CacheFor) return cached.Calls;

        // The wait is on the clock the rest of the domain uses, so a test decides when it has run out.
        using var wait = new CancellationTokenSource(policy.Wait, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, wait.Token);
        RecentCalls calls;
        try
        {
            var starts = await provider.InboundCallsAsync(projectId, number, source, now - RecentCalls.Week, either.Token).WaitAsync(either.Token);
            calls = RecentCalls.From(starts, now);
        }
        catch (Exception failure) when (failure is DomainException || (failure is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return RecentCalls.Unknown; // not kept: the next card asks again
        }
        _read[key] = (now, calls);
        if (_read.Count > MostKept) Forget(now);
        return calls;
    }

    private const int MostKept = 10_000;

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, entry) in _read)
            if (now - entry.ReadAt >= policy.CacheFor) _read.TryRemove(key, out _);
    }
}
