using Microsoft.Extensions.DependencyInjection.Extensions;
using NumbersBot.Domain.Telephony;
using Quartz;

namespace NumbersBot.Bot.Telephony;

/// <summary>
/// Runs one drift check at a time across every instance sharing the database: a cycle starts only with the
/// "drift-check" lease, taken by a conditional write, so a second instance skips its turn. Tests call
/// <see cref="RunOnceAsync"/> to run one cycle and see what it did.
/// </summary>
public sealed class DriftCycles(IServiceScopeFactory scopes, DriftNotices notices, TimeProvider clock, ILogger<DriftCycles> logger)
{
    public const string LeaseName = "drift-check";

    // Longer than a check of tens of thousands of numbers takes; a crashed holder's lease runs out after it.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    /// <summary>One cycle; null when another instance holds the lease (its cycle is the one that counts).</summary>
    public async Task<DriftOutcome?> RunOnceAsync(CancellationToken ct)
    {
        var owner = $"{Environment.MachineName}:{Guid.NewGuid():N}";
        DriftOutcome outcome;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var leases = scope.ServiceProvider.GetRequiredService<IJobLeases>();
            var now = clock.GetUtcNow();
            if (!await leases.TryTakeAsync(LeaseName, owner, now, now + Lease, ct))
            {
                logger.LogInformation("Drift check skipped: another instance is running it");
                return null;
            }
            try
            {
                outcome = await scope.ServiceProvider.GetRequiredService<DriftCheck>().RunAsync(ct);
            }
            finally
            {
                await leases.ReleaseAsync(LeaseName, owner, clock.GetUtcNow(), CancellationToken.None);
            }
        }
        logger.LogInformation("Drift check: {Listed} listed, {Held} held at the provider, {Calls} list calls, {Repairs} repairs, {Reported} reported",
            outcome.Listed, outcome.Held, outcome.ProviderCalls, outcome.Repairs.Count, outcome.Reported.Count);
        if (outcome.Reported.Count > 0 || outcome.Repairs.Count > 0) await notices.PostDueAsync(ct);
        return outcome;
    }
}

[DisallowConcurrentExecution]
public sealed class DriftCheckJob(DriftCycles cycles) : IJob
{
    public static readonly JobKey Key = new("drift-check");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await cycles.RunOnceAsync(ct);
}

/// <summary>Named leases for work only one instance may do at a time (while several share the database).</summary>
public interface IJobLeases
{
    /// <summary>True when <paramref name="owner"/> now holds it until <paramref name="leaseUntil"/>: it was free, expired, or already theirs.</summary>
    Task<bool> TryTakeAsync(string name, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct);

    /// <summary>Ends the lease if <paramref name="owner"/> still holds it.</summary>
    Task ReleaseAsync(string name, string owner, DateTimeOffset now, CancellationToken ct);
}

public static class DriftCheckServices
{
    /// <summary>The drift check at start-up (Twilio:Reconcile:Drift:AtStartup) and every EveryMinutes, and the notices it leaves for admins.</summary>
    public static IServiceCollection AddDriftCheck(this IServiceCollection services, IConfiguration configuration, Twilio.TwilioDriftSettings drift,
        TimeSpan purchaseInFlight)
    {
        services.TryAddSingleton(Approvals.ApprovalPlaces.From(configuration));
        services.AddSingleton(DriftPolicy.Default with { PurchaseInFlight = purchaseInFlight });
        services.AddScoped<DriftCheck>();
        services.AddScoped<IDriftReports, DriftReports>();
        services.AddSingleton<DriftNotices>();
        services.AddSingleton<DriftCycles>();
        services.AddQuartz(quartz =>
        {
            quartz.AddJob<DriftNoticesJob>(options => options.WithIdentity(DriftNoticesJob.Key));
            quartz.AddTrigger(trigger => trigger.ForJob(DriftNoticesJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(30)).RepeatForever()));
            if (!drift.Enabled) return;
            quartz.AddJob<DriftCheckJob>(options => options.WithIdentity(DriftCheckJob.Key));
            quartz.AddTrigger(trigger => trigger.ForJob(DriftCheckJob.Key)
                .StartAt(drift.AtStartup ? DateTimeOffset.UtcNow : DateTimeOffset.UtcNow + drift.Every)
                .WithSimpleSchedule(s => s.WithInterval(drift.Every).RepeatForever()));
        });
        services.AddQuartzHostedService();
        return services;
    }
}
