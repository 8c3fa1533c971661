using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NumbersBot.Bot.Hosting;
using NumbersBot.Bot.Persistence;
using Quartz;

namespace NumbersBot.Bot.Tests.Hosting;

public class RetentionTests
{
    [Fact]
    public async Task The_job_prunes_what_is_older_than_the_configured_days()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
        var store = new RecordingStore();
        var job = new RetentionJob(store, new RetentionPolicy(TimeSpan.FromDays(7), TimeSpan.FromHours(1)), clock, NullLogger<RetentionJob>.Instance);

        await job.Execute(null!, CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), Assert.Single(store.Cutoffs));
    }

    [Fact]
    public async Task The_host_schedules_retention_with_thirty_days_unless_configured()
    {
        using var standard = new NumbersBotApp();
        standard.CreateClient();
        Assert.Equal(TimeSpan.FromDays(30), standard.Services.GetRequiredService<RetentionPolicy>().KeepFor);
        var scheduler = await standard.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.NotNull(await scheduler.GetJobDetail(new JobKey("retention")));

        using var configured = new NumbersBotApp().With("Retention:Days", "90");
        configured.CreateClient();
        Assert.Equal(TimeSpan.FromDays(90), configured.Services.GetRequiredService<RetentionPolicy>().KeepFor);
    }

    private sealed class RecordingStore : IRetentionStore
    {
        public List<DateTimeOffset> Cutoffs { get; } = [];

        public Task<Pruned> PruneOlderThanAsync(DateTimeOffset cutoff, CancellationToken ct)
        {
            Cutoffs.Add(cutoff);
            return Task.FromResult(new Pruned(0, 0, 0, 0, 0, 0, 0));
        }
    }
}
