using NumbersBot.Bot.Persistence;
using Quartz;

namespace NumbersBot.Bot.Hosting;

/// <summary>Retention:Days (default 30): how long delivery records and other short-lived state are kept.</summary>
public sealed record RetentionPolicy(TimeSpan KeepFor, TimeSpan Every);

/// <summary>Prunes short-lived state on a schedule; deletes are by age, so every instance may run it at once.</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(IRetentionStore store, RetentionPolicy policy, TimeProvider clock, ILogger<RetentionJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var pruned = await store.PruneOlderThanAsync(clock.GetUtcNow() - policy.KeepFor, ct);
        if (pruned.Total > 0)
            logger.LogInformation(
                "Retention removed {Deliveries} delivery records, {Replies} finished deferred replies, {Conversations} conversation references, " +
                "{Intents} settled purchase intents, {Choices} project choices, {Steps} finished telephony steps and {Slack} finished Slack replies " +
                "older than {Days} days",
                pruned.Deliveries, pruned.DeferredReplies, pruned.Conversations, pruned.PurchaseIntents, pruned.ProjectChoices, pruned.TelephonySteps,
                pruned.SlackReplies, policy.KeepFor.TotalDays);
    }
}

public static class Retention
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        var policy = new RetentionPolicy(
            TimeSpan.FromDays(BotSettings.PositiveInt(configuration, "Retention:Days", 30)),
            TimeSpan.FromMinutes(BotSettings.PositiveInt(configuration, "Retention:EveryMinutes", 60)));
        services.AddSingleton(policy);
        services.AddQuartz(quartz =>
        {
            var job = new JobKey("retention");
            quartz.AddJob<RetentionJob>(options => options.WithIdentity(job));
            quartz.AddTrigger(trigger => trigger.ForJob(job).StartNow().WithSimpleSchedule(s => s.WithInterval(policy.Every).RepeatForever()));
        });
        return services;
    }
}
