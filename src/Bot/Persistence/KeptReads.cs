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

    /// <summary>Whether a statement names a table a look reads (only ever used to skip a version query that would miss).</summary>
    public static bool LooksRead(string sql)
    {
        foreach (var table in Tables)
            if (sql.Contains(table, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    // A team's askers × projects, and pages looked at: far fewer in practice; past this the keeper starts again.
    private const int Limit = 2048;

    private readonly ConcurrentDictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    private int _count;

    private sealed record Kept(long Version, object Rows);

    /// <summary>True when something is kept under <paramref name="key"/>, so asking the version may save the read.</summary>
    public bool Has(string key) => _kept.ContainsKey(key);

    /// <summary>The rows kept under <paramref name="key"/>, when they were read at <paramref name="version"/>.</summary>
    public bool TryGet<T>(string key, long version, out T rows) where T : class
    {
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
        if (!_kept.ContainsKey(key) && Interlocked.Increment(ref _count) > Limit)
        {
            _kept.Clear();
            Interlocked.Exchange(ref _count, 1);
        }
        _kept[key] = new Kept(version, rows);
    }
}
