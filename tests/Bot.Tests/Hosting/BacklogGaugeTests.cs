using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NumbersBot.Bot.Conversation.Deferred;
using NumbersBot.Bot.Hosting;
using NumbersBot.Bot.Persistence;
using NumbersBot.Bot.Tests.Persistence;

namespace NumbersBot.Bot.Tests.Hosting;

/// <summary>The backlog gauges as an operator's collector reads them: an in-memory listener on the host's meter.</summary>
public sealed class BacklogGaugeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(Now);
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var options = await _database.CreateAsync();
        DatabaseStartup.Migrate(options, NullLogger.Instance);
        _services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_clock).AddPersistence(options)
            .AddTelemetry(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).BuildServiceProvider();
    }

    [Fact]
    public async Task The_gauges_show_the_deferred_reply_queue_and_its_oldest_age()
    {
        await using (var scope = _services.CreateAsyncScope())
        {
            var queue = scope.ServiceProvider.GetRequiredService<IDeferredReplyQueue>();
            await queue.AddAsync(new DeferredReply(Guid.NewGuid(), "slack", "number.add", "slack:T1:U1", "Una", "{}", "{}", 0), Now.AddSeconds(-90), default);
            await queue.AddAsync(new DeferredReply(Guid.NewGuid(), "teams", "number.add", "teams:t:u", "Ugo", "{}", "{}", 0), Now.AddSeconds(-5), default);
        }
        _services.GetServices<IHostedService>().OfType<BacklogGauges>().Single();

        var seen = Collect();

        Assert.Equal(2L, seen[BacklogGauges.DeferredRepliesName]);
        Assert.Equal(90.0, seen[BacklogGauges.OldestDeferredReplyName]);
        Assert.Equal(0L, seen[BacklogGauges.PendingApprovalsName]);
        Assert.Equal(0L, seen[BacklogGauges.PendingTelephonyStepsName]);
    }

    [Fact]
    public async Task An_empty_backlog_reads_as_zero_and_a_later_collection_reads_afresh()
    {
        _services.GetRequiredService<BacklogGauges>();
        Assert.Equal(0L, Collect()[BacklogGauges.DeferredRepliesName]);

        await using (var scope = _services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IDeferredReplyQueue>()
                .AddAsync(new DeferredReply(Guid.NewGuid(), "slack", "help", "slack:T1:U1", "Una", "{}", "{}", 0), Now, default);
        _clock.Advance(TimeSpan.FromSeconds(30));

        var later = Collect();
        Assert.Equal(1L, later[BacklogGauges.DeferredRepliesName]);
        Assert.Equal(30.0, later[BacklogGauges.OldestDeferredReplyName]);
    }

    /// <summary>Only this host's meter (the factory's scope), so gauges of other hosts in the same test run never count.</summary>
    private Dictionary<string, object> Collect()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        var seen = new Dictionary<string, object>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Telemetry.Name && ReferenceEquals(instrument.Meter.Scope, factory)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => seen[instrument.Name] = value);
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => seen[instrument.Name] = (long)value);
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => seen[instrument.Name] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
