using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Hosting;
using NumbersBot.Bot.Persistence;
using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Benchmarks;

/// <summary>
/// The first page of a 10,000-number project as a person asks for it: ShowNumbers against SQLite (queries, rows, view)
/// and then the Adaptive Card JSON. Prints the SQL statements one card costs. Asked again with nothing changed, a look is
/// answered from the rows kept at the database's version (KeptReads); <see cref="ShowNumbersAfterAChange"/> moves the
/// version first, as any change by anyone does, so it reads everything again.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ShowNumbersBenchmarks
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "numbersbot-bench", Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;
    private CardRenderer _renderer = null!;
    private SlackMessages _slack = null!;
    private static readonly Actor Viewer = new(UserRef.Local("bench"), "Bench");
    private Microsoft.Data.Sqlite.SqliteConnection _elsewhere = null!;

    [Params(10_000)]
    public int Numbers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_folder);
        var database = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "bench.db")}");
        DatabaseStartup.Migrate(database, NullLogger.Instance);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Access:Admins:0"] = "local:bench" }).Build();
        _services = new ServiceCollection().AddLogging().AddDomain(configuration).AddPersistence(database).BuildServiceProvider();
        _renderer = CardRenderer.FromOutputFolder().CompileAll();
        _slack = new SlackMessages(_renderer);
        SeedAsync().GetAwaiter().GetResult();
        var statements = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Name == Telemetry.DbStatementsName) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref statements, value));
        listener.Start();
        var size = FirstPageCardAsync().GetAwaiter().GetResult();
        var first = Interlocked.Exchange(ref statements, 0);
        FirstPageCardAsync().GetAwaiter().GetResult();
        Console.WriteLine($"// first page of {Numbers} numbers: {first} SQL statements, card {size} bytes; asked again: {statements}");
        // Another writer, as another instance would be; not synced, so the change itself costs the benchmark little.
        _elsewhere = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString + ";Pooling=False");
        _elsewhere.Open();
        using var unsynced = _elsewhere.CreateCommand();
        unsynced.CommandText = "PRAGMA synchronous = OFF";
        unsynced.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _elsewhere.Dispose();
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Benchmark]
    public async Task<NumbersPage> ShowNumbers()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShowNumbersHandler>().HandleAsync(new ShowNumbers(Viewer, "big"), CancellationToken.None);
    }

    /// <summary>The same look just after a change elsewhere moved the data version: every read is made again.</summary>
    [Benchmark]
    public async Task<NumbersPage> ShowNumbersAfterAChange()
    {
        using (var change = _elsewhere.CreateCommand())
        {
            change.CommandText = "UPDATE data_version SET version = version + 1 WHERE id = 1";
            change.ExecuteNonQuery();
        }
        return await ShowNumbers();
    }

    [Benchmark]
    public Task<int> FirstPageCard() => FirstPageCardAsync();

    /// <summary>The Slack message for the same page (Block Kit, finished to Slack's limits), as the bot sends it.</summary>
    [Benchmark]
    public async Task<int> FirstPageSlackMessage()
    {
        var page = await ShowNumbers();
        using var message = _slack.Message(new Reply(ViewNames.Numbers, NumbersView.From(page)));
        return message.Utf8.Length;
    }

    /// <summary>The card's UTF-8 JSON, written as a channel sends it (into a pooled buffer); returns its length.</summary>
    private async Task<int> FirstPageCardAsync()
    {
        var page = await ShowNumbers();
        using var json = JsonBuffer.Rent();
        _renderer.Write(json.Writer, ViewNames.Numbers, NumbersView.From(page), CardFormat.Adaptive);
        return json.WrittenMemory.Length;
    }

    private async Task SeedAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var now = DateTimeOffset.UtcNow;
        var sip = AgentEnvironments.All.ToDictionary(e => e, e => new SipAddresses($"sip:{e}@big.example.com", $"sip:{e}-fallback@big.example.com"));
        await using var work = await provider.GetRequiredService<IUnitOfWork>().BeginAsync(CancellationToken.None);
        await provider.GetRequiredService<IProjectRepository>().AddAsync(new Project("big", "Big Project", TelephonyIntegration.PlatformPool, sip), CancellationToken.None);
        var numbers = provider.GetRequiredService<INumberRepository>();
        // Distinct valid numbers: UK drama numbers, then US 555-01xx across area codes (one libphonenumber rejects is skipped).
        var candidates = Enumerable.Range(0, 1000).Select(i => $"+447700900{i:D3}")
            .Concat(Enumerable.Range(200, 800).SelectMany(npa => Enumerable.Range(0, 100).Select(i => $"+1{npa}55501{i:D2}")));
        var added = 0;
        foreach (var e164 in candidates)
        {
            if (added == Numbers) break;
            PhoneNumber number;
            try { number = PhoneNumber.ParseE164(e164); } catch (DomainException) { continue; }
            await numbers.AddAsync(new ProjectNumber(Guid.NewGuid(), "big", number, AgentEnvironments.All[added % 3],
                NumberSource.Platform, $"SIM{e164[1..]}", simulated: true, null, now, "local:bench"), CancellationToken.None);
            added++;
        }
        await work.CommitAsync(CancellationToken.None);
    }
}
