using System.Collections.Concurrent;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// Reads kept across turns for as long as the database has not changed since they were made: the gate's rows (access,
/// projects, catalogs) per asker and project, and the numbers card's rows per project and page. Whether anything changed
/// is one small query, <see cref="VersionSql"/>: triggers move data_version with every write to those tables, in the
/// writer's transaction, whichever instance (or person at a SQL prompt) writes. Rows are kept, not domain objects, so each
/// turn still builds its own aggregates, which actions change in place.
/// </summary>
/// <remarks>
/// A kept read is only made and used outside a unit of work: inside one, rows can show writes not yet committed (and
/// perhaps rolled back) under a version that does not count them yet.
/// </remarks>
internal sealed class KeptReads
{
    public const string VersionSql = "SELECT version FROM data_version WHERE id = 1";

    /// <summary>The tables whose writes move data_version (migration 0011's triggers): everything a look reads.</summary>
    public static readonly string[] Tables = ["user_access", "projects", "project_choices", "variant_catalogs", "numbers", "approvals"];

    /// <summary>Whether a statement names a table a look reads (only ever used to skip a version query that would miss: a false yes costs a fresh read).</summary>
    public static bool LooksRead(string sql)
    {
        foreach (var table in Tables)
            if (sql.Contains(table, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    // A team's askers × projects, and pages looked at: far fewer in practice; past this the out-of-date go first.
    private const int Limit = 2048;

    private readonly ConcurrentDictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    private int _count;

    private sealed record Kept(long Version, object Rows);

    // The newest data_version any read here has seen, and the newest known to be passed: seen before a write from this host
    // that touched what looks read committed. Rows kept under an older version, or one passed, can no longer be current.
    private long _newest;
    private long _passed;

    /// <summary>
    /// True when something is kept under <paramref name="key"/> that may still be current, so asking the version may save
    /// the read. Rows this host already knows to be out of date are not worth that query: the read is made afresh at once.
    /// </summary>
    public bool MayHold(string key) => _kept.TryGetValue(key, out var kept) && MayBeCurrent(kept);

    private bool MayBeCurrent(Kept kept) => kept.Version >= Volatile.Read(ref _newest) && kept.Version > Volatile.Read(ref _passed);

    /// <summary>The newest version seen here; a write that commits after this is read has moved the database past it.</summary>
    public long Newest => Volatile.Read(ref _newest);

    /// <summary>
    /// A write from this host to what looks read has committed, after the database was seen at <paramref name="seenBefore"/>
    /// (<see cref="Newest"/> read before the commit): everything kept up to that version is out of date.
    /// </summary>
    public void Passed(long seenBefore) => Raise(ref _passed, seenBefore);

    /// <summary>The rows kept under <paramref name="key"/>, when they were read at <paramref name="version"/> (the database's now).</summary>
    public bool TryGet<T>(string key, long version, out T rows) where T : class
    {
        Seen(version);
        if (_kept.TryGetValue(key, out var kept) && kept.Version == version && kept.Rows is T found)
        {
            rows = found;
            return true;
        }
        rows = null!;
        return false;
    }

    /// <summary>Keeps rows read after the database was seen at <paramref name="version"/> (they are at least that new).</summary>
    public void Keep(string key, long version, object rows)
    {
        Seen(version);
        if (!_kept.ContainsKey(key) && Interlocked.Increment(ref _count) > Limit) Prune();
        _kept[key] = new Kept(version, rows);
    }

    /// <summary>Drops what is known to be out of date; if the current alone fill the keeper, it starts again.</summary>
    private void Prune()
    {
        foreach (var (key, kept) in _kept)
            if (!MayBeCurrent(kept)) _kept.TryRemove(key, out _);
        if (_kept.Count >= Limit) _kept.Clear();
        Interlocked.Exchange(ref _count, _kept.Count + 1);
    }

    /// <summary>
    /// A version just read from the database. One not past <see cref="_passed"/> shows that the write behind it did not move
    /// the version after all (it named a watched table only in a subquery, say): rows kept at it from now on may be current.
    /// Lowering it only ever costs a version query, so a race here is harmless.
    /// </summary>
    private void Seen(long version)
    {
        Raise(ref _newest, version);
        for (var passed = Volatile.Read(ref _passed); passed >= version; passed = Volatile.Read(ref _passed))
            if (Interlocked.CompareExchange(ref _passed, version - 1, passed) == passed) return;
    }

    private static void Raise(ref long field, long to)
    {
        for (var seen = Volatile.Read(ref field); seen < to; seen = Volatile.Read(ref field))
            if (Interlocked.CompareExchange(ref field, to, seen) == seen) return;
    }
}
