using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Persistence;

namespace NumbersBot.Benchmarks;

/// <summary>
/// Teams deliveries recorded by callers at once on a SQLite file (WAL, synchronous FULL, so one fsync per commit): each in
/// its own commit, as the delivery log did before group commit, against <see cref="SqlDeliveryLog"/>. One operation is
/// <see cref="Callers"/> deliveries; the cleanup prints the commits per delivery.
/// </summary>
[Config(typeof(FewRounds))]
[MedianColumn]
public class DeliveryLogBenchmarks
{
    /// <summary>Each operation waits on the disk: a few rounds in this process are enough, and nothing else is built.</summary>
    private sealed class FewRounds : ManualConfig
    {
        public FewRounds() => AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8).WithToolchain(InProcessEmitToolchain.Instance));
    }

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "numbersbot-bench", Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;
    private SqlDeliveryLog _log = null!;
    private SqlDialect _dialect = null!;
    private ConnectionSource _connections = null!;
    private string _insert = null!;
    private long _delivered;
    private long _separateCommits;

    [Params(1, 8, 32)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_folder);
        var database = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "bench.db")}");
        DatabaseStartup.Migrate(database, NullLogger.Instance);
        _services = new ServiceCollection().AddSingleton(TimeProvider.System).AddPersistence(database).BuildServiceProvider();
        _log = _services.GetRequiredService<SqlDeliveryLog>();
        _dialect = _services.GetRequiredService<SqlDialect>();
        _connections = _services.GetRequiredService<ConnectionSource>();
        _insert = _dialect.InsertIfAbsent("deliveries", "delivery_key", "delivery_key", "received_at");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var commits = _log.Commits + _separateCommits;
        Console.WriteLine($"// {Callers} callers: {_delivered} deliveries, {commits} commits ({(double)commits / _delivered:F3} per delivery)");
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>What SqlDeliveryLog did before: one autocommitted INSERT per delivery through the scope's session.</summary>
    [Benchmark(Baseline = true)]
    public Task OneCommitPerDelivery() => AtOnce(async key =>
    {
        await using var db = new DbSession(_dialect, _connections, new KeptReads());
        await db.ExecuteAsync(_insert, new { DeliveryKey = key, ReceivedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        Interlocked.Increment(ref _separateCommits);
    });

    [Benchmark]
    public Task GroupCommit() => AtOnce(key => _log.RecordAsync(key, CancellationToken.None));

    private Task AtOnce(Func<string, Task> record) =>
        Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(() => record($"teams:{Interlocked.Increment(ref _delivered)}"))));
}
