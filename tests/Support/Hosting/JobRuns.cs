using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace NumbersBot.Tests.Support.Hosting;

/// <summary>
/// Runs a background job once more and waits for that run to finish: after it, anything the job would still have done
/// is done, so a test can say that nothing more happened without sleeping.
/// </summary>
public static class JobRuns
{
    public static async Task RunOnceMoreAsync(IServiceProvider services, JobKey job)
    {
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var run = new NextRun(job);
        scheduler.ListenerManager.AddJobListener(run);
        try
        {
            await scheduler.TriggerJob(job);
            await run.Finished.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(run.Name);
        }
    }

    /// <summary>Finishes with the first run that started after it was listening: one that began earlier may have missed the latest change.</summary>
    private sealed class NextRun(JobKey job) : IJobListener
    {
        private string? _fireId;

        public string Name { get; } = $"next-run-{Guid.NewGuid():N}";
        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken ct = default)
        {
            if (context.JobDetail.Key.Equals(job)) Interlocked.CompareExchange(ref _fireId, context.FireInstanceId, null);
            return ValueTask.CompletedTask;
        }

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken ct = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? failure, CancellationToken ct = default)
        {
            if (context.FireInstanceId == Volatile.Read(ref _fireId))
            {
                if (failure is null) Finished.TrySetResult();
                else Finished.TrySetException(failure);
            }
            return ValueTask.CompletedTask;
        }
    }
}
