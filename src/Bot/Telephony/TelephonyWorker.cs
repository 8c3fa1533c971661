using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain.Telephony;
using Quartz;

namespace NumbersBot.Bot.Telephony;

/// <summary>
/// The one worker for telephony work that outlives a request: it settles purchases whose answer was lost, then
/// resumes every recorded step whose lease has run out. Steps are claimed row by row, so instances sharing the
/// database never run the same step at once.
/// </summary>
[DisallowConcurrentExecution]
public sealed class TelephonyWorkJob(TelephonySteps steps, IServiceProvider services, ILogger<TelephonyWorkJob> logger) : IJob
{
    public const string Name = "telephony-work";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // Only Twilio has purchases whose answer can be lost.
        if (services.GetService<PurchaseReconciler>() is { } reconciler) await reconciler.RunAsync(cancellationToken);
        var done = await steps.ResumeAsync(cancellationToken);
        if (done > 0) logger.LogInformation("Resumed {Count} telephony steps", done);
    }
}
