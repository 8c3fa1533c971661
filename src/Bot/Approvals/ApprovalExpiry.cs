using NumbersBot.Bot.Hosting;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Approvals;
using Quartz;

namespace NumbersBot.Bot.Approvals;

/// <summary>
/// Sweeps expired approval requests on a schedule (and keeps their posted copies true: <see cref="ApprovalCopiesJob"/>). The expiry times live in the database and the sweep's writes
/// are conditional, so every instance may run it: the schedule is the only thing kept in memory.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ApprovalExpiryJob(ExpireApprovalsHandler handler, ILogger<ApprovalExpiryJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var result = await handler.HandleAsync(new ExpireApprovals(), ct);
        foreach (var request in result.Expired)
            logger.LogInformation("Approval {Approval} to delete {Number} expired unanswered", request.Id, request.Number);
    }
}

public static class ApprovalExpiry
{
    public static IServiceCollection AddApprovalExpiry(this IServiceCollection services, IConfiguration configuration)
    {
        var every = TimeSpan.FromSeconds(BotSettings.PositiveInt(configuration, "Approvals:SweepSeconds", 30));
        var copiesEvery = TimeSpan.FromSeconds(BotSettings.PositiveInt(configuration, "Approvals:CopiesSeconds", 15));
        services.AddSingleton(ApprovalPlaces.From(configuration));
        services.AddSingleton<IApprovalSignal, ApprovalCopiesSignal>();
        services.AddScoped<RequesterCards>();
        services.AddQuartz(quartz =>
        {
            var job = new JobKey("approval-expiry");
            quartz.AddJob<ApprovalExpiryJob>(options => options.WithIdentity(job));
            quartz.AddTrigger(trigger => trigger.ForJob(job).StartNow().WithSimpleSchedule(s => s.WithInterval(every).RepeatForever()));
            quartz.AddJob<ApprovalCopiesJob>(options => options.WithIdentity(ApprovalCopiesJob.Key));
            quartz.AddTrigger(trigger => trigger.ForJob(ApprovalCopiesJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(copiesEvery).RepeatForever()));
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }
}
