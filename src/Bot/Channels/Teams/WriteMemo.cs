using System.Collections.Concurrent;
using NumbersBot.Bot.Hosting;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// What this process last wrote under each key, and when. A key counts as written for <see cref="RefreshAfter"/>: after
/// that it is written again, so the row's <c>updated_at</c> stays younger than the retention period while the key is in
/// use (whichever instance sees it), and retention prunes only what nobody used for that long. Bounded: past
/// <see cref="Capacity"/> keys, the expired go, and if that is not enough all do (forgetting costs a write, nothing more).
/// </summary>
internal sealed class WriteMemo(TimeProvider clock, TimeSpan refreshAfter)
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (object Value, DateTimeOffset At)> _entries = new(StringComparer.Ordinal);

    public TimeSpan RefreshAfter => refreshAfter;

    /// <summary>At most once a day, and at least twice per retention period, so a row in use is never the oldest kept.</summary>
    public static TimeSpan RefreshFor(RetentionPolicy? policy)
    {
        var keepFor = policy?.KeepFor ?? TimeSpan.FromDays(30);
        return keepFor / 2 < TimeSpan.FromDays(1) ? keepFor / 2 : TimeSpan.FromDays(1);
    }

    public int Count => _entries.Count;

    /// <summary>Whether the key was remembered recently enough, with this value if one is given.</summary>
    public bool IsFresh(string key, object? value = null) =>
        _entries.TryGetValue(key, out var entry) && (value is null || entry.Value.Equals(value)) && clock.GetUtcNow() - entry.At < refreshAfter;

    public void Remember(string key, object value)
    {
        if (_entries.Count >= Capacity && !_entries.ContainsKey(key)) Trim();
        _entries[key] = (value, clock.GetUtcNow());
    }

    private void Trim()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in _entries)
            if (now - entry.At >= refreshAfter) _entries.TryRemove(key, out _);
        if (_entries.Count >= Capacity) _entries.Clear();
    }
}
