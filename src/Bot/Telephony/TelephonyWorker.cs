using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain.Telephony;
using Quartz;

namespace NumbersBot.Bot.Telephony;

/// <summary>
/// The one worker for telephony work that outlives a request: it settles purchases whose answer was lost, then
/// resumes every recorded step (and test call) whose lease has run out. Steps are claimed row by row, so instances sharing the
/// database never run the same step at once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class TelephonyWorkJob(TelephonySteps steps, TestCallRuns testCalls, IServiceProvider services, ILogger<TelephonyWorkJob> logger) : IJob
{
    public const string Name = "telephony-work";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // Only Twilio has purchases whose answer can be lost.
        if (services.GetService<PurchaseReconciler>() is { } reconciler) await reconciler.RunAsync(cancellationToken);
        var done = await steps.ResumeAsync(cancellationToken);
        if (done > 0) logger.LogInformation("Resumed {Count} telephony steps", done);
        // A test call whose request died is looked up by its SID and reported in history, never placed again.
        var finished = await testCalls.ResumeOrphansAsync(cancellationToken);
        if (finished > 0) logger.LogInformation("Finished {Count} test calls whose request had stopped", finished);
    }
}
