using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Hosting;
using NumbersBot.Bot.Persistence;
using NumbersBot.Bot.Telephony;
using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Benchmarks;

/// <summary>
/// One drift check cycle over 10,000 listed numbers, as the bot wires it (SQLite, the Twilio adapter and SDK), against
/// an in-process Twilio that holds the same 10,000 numbers, counts every call and the shortest gap between two.
/// RequestsPerSecond 10 is the default pacing; 1000 shows what the check costs apart from pacing.
/// </summary>
[Config(typeof(FewRounds))]
[MemoryDiagnoser]
[MedianColumn]
public class DriftCheckBenchmarks
{
    /// <summary>A cycle takes seconds when paced: five rounds in this process are enough, and nothing else is built.</summary>
    private sealed class FewRounds : ManualConfig
    {
        public FewRounds() => AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
    }

    private const string Account = "AC00000000000000000000000000000001";

    private ServiceProvider _services = null!;
    private CountingTwilio _twilio = null!;
    private string _folder = null!;

    [Params(10_000)]
    public int Numbers { get; set; }

    [Params(10, 1000)]
    public int RequestsPerSecond { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("drift-bench").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telephony:Provider"] = "Twilio",
            ["Twilio:AccountSid"] = Account,
            ["Twilio:AuthToken"] = "token",
            ["Twilio:ApiBaseUrl"] = "http://twilio.invalid/",
            ["Twilio:Reconcile:Drift:RequestsPerSecond"] = RequestsPerSecond.ToString(),
        }).Build();
        var sip = AgentEnvironments.All.ToDictionary(e => e, e => new SipAddresses($"sip:{e}@big.example.com", $"sip:{e}-fallback@big.example.com"));
        var project = new Project("big", "Big Project", TelephonyIntegration.PlatformPool, sip);
        var numbers = Enumerable.Range(0, Numbers).Select(i => new ProjectNumber(Guid.NewGuid(), project.Id,
            PhoneNumber.ParseE164($"+1415{2000000 + i:D7}"), AgentEnvironments.All[i % 3], NumberSource.Platform, $"PN{i:D32}", false, null,
            DateTimeOffset.UnixEpoch, "local:alice", reachability: Reachability.Routed)).ToList();
        _twilio = new CountingTwilio(Account, project, numbers);

        var database = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "bench.db")}");
        DatabaseStartup.Migrate(database, NullLogger.Instance);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddDomain(configuration);
        services.AddPersistence(database);
        services.AddTelephony(configuration);
        services.AddSingleton<Domain.Approvals.IApprovalSignal, NoApprovalsToSignal>();
        services.AddHttpClient(TwilioClients.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _twilio);
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        Seed(scope.ServiceProvider, project, numbers).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// {RequestsPerSecond}/s: {_twilio.Calls} Twilio calls in {_twilio.Cycles} cycles " +
            $"({(double)_twilio.Calls / Math.Max(1, _twilio.Cycles):F1} a cycle), shortest gap between two calls {_twilio.ShortestGap.TotalMilliseconds:F0} ms");
        _services.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public async Task<int> DriftCycle()
    {
        _twilio.Cycles++;
        var outcome = await _services.GetRequiredService<DriftCycles>().RunOnceAsync(CancellationToken.None)
            ?? throw new InvalidOperationException("The cycle did not run.");
        if (outcome.Repairs.Count + outcome.Reported.Count > 0) throw new InvalidOperationException("The fake holds what is listed: nothing should drift.");
        return outcome.ProviderCalls;
    }

    private static async Task Seed(IServiceProvider services, Project project, List<ProjectNumber> numbers)
    {
        await services.GetRequiredService<IProjectRepository>().AddAsync(project, CancellationToken.None);
        await using var work = await services.GetRequiredService<IUnitOfWork>().BeginAsync(CancellationToken.None);
        var repository = services.GetRequiredService<INumberRepository>();
        foreach (var number in numbers) await repository.AddAsync(number, CancellationToken.None);
        await work.CommitAsync(CancellationToken.None);
    }
}

/// <summary>Nothing drifts here, so no approval is ever voided.</summary>
internal sealed class NoApprovalsToSignal : Domain.Approvals.IApprovalSignal
{
    public Task ChangedAsync(CancellationToken ct) => Task.CompletedTask;
}
