using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;
using Quartz;

namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>
/// Settles purchases whose outcome was never learned (a timeout, a crash between paying and storing): Twilio is
/// asked for the number tagged with the intent; found, it is stored as the purchase would have stored it; not
/// found, the intent is failed. Only intents older than <see cref="TwilioSettings.ReconcileAfter"/> are touched,
/// so a purchase still in flight is never raced. It never buys.
/// </summary>
public sealed class PurchaseReconciler(
    TwilioTelephonyProvider twilio,
    IPurchaseIntentRepository intents,
    INumberRepository numbers,
    IProjectRepository projects,
    IVariantCatalogRepository variants,
    IUnitOfWork unitOfWork,
    AuditLog audit,
    TwilioSettings settings,
    TimeProvider clock,
    IIdSource ids,
    ILogger<PurchaseReconciler> logger)
{
    public const string NothingBought = "No number was bought: Twilio holds no number for this purchase.";

    /// <summary>Returns how many intents were settled.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var settled = 0;
        foreach (var intent in await intents.ListPendingAsync(ct))
        {
            if (clock.GetUtcNow() - intent.RequestedAt < settings.ReconcileAfter) continue;
            try
            {
                await SettleAsync(intent, ct);
                settled++;
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // One stuck intent must not keep the others from being settled; it is tried again next time.
                logger.LogWarning(failure, "Could not settle purchase {Intent} yet", intent.Key);
            }
        }
        return settled;
    }

    private async Task SettleAsync(PurchaseIntent intent, CancellationToken ct)
    {
        var bought = await twilio.FindPurchaseAsync(intent.Key, ct);
        if (bought is null)
        {
            await intents.FailAsync(intent.Key, NothingBought, ct);
            logger.LogInformation("Purchase {Intent} settled: nothing was bought", intent.Key);
            return;
        }

        if (await numbers.FindByE164Async(bought.Number.E164, ct) is { } known)
        {
            await intents.CompleteAsync(intent.Key, known.Id, ct);
            return;
        }

        var number = new ProjectNumber(ids.NewId(), intent.ProjectId, bought.Number, intent.Environment, bought.Source,
            bought.ProviderReference, bought.Simulated, intent.VariantId, clock.GetUtcNow(), intent.RequestedBy);
        var variantName = intent.VariantId is null ? null : (await variants.GetAsync(intent.ProjectId, ct)).NameOf(intent.VariantId);
        await using (var work = await unitOfWork.BeginAsync(ct))
        {
            await numbers.AddAsync(number, ct);
            await intents.CompleteAsync(intent.Key, number.Id, ct);
            await audit.RecordAsync(Actor.System, AuditActions.NumberAdded, intent.ProjectId, number.Number.E164, number.Environment, null,
                $"{number.Environment.DisplayName()}, source {number.Source.DisplayName()}, variant {variantName ?? "none"}; " +
                $"bought for {intent.RequestedBy}, recovered from Twilio after the purchase went unanswered", ct);
            await work.CommitAsync(ct);
        }
        logger.LogWarning("Purchase {Intent} settled: {Number} was bought and is now stored", intent.Key, number.Number.E164);

        // As the purchase would have: routed once stored, a failure only logged since the number is kept either way.
        if (await projects.FindAsync(intent.ProjectId, ct) is not { } project) return;
        try
        {
            await twilio.RouteAsync(project.Id, bought, intent.Environment, project.SipFor(intent.Environment), ct);
        }
        catch (DomainException failure)
        {
            logger.LogWarning("{Number} is stored but could not be routed: {Reason}", number.Number.E164, failure.Message);
        }
    }
}

[DisallowConcurrentExecution]
public sealed class PurchaseReconcileJob(PurchaseReconciler reconciler) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await reconciler.RunAsync(cancellationToken);
}
