using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>
/// Settles purchases whose outcome was never learned (a timeout, a crash between paying and storing): Twilio is
/// asked for the number tagged with the intent; found, it is stored as the purchase would have stored it; not
/// found, the intent is failed. Only intents older than <see cref="TwilioSettings.ReconcileAfter"/> are touched,
/// so a purchase still in flight is never raced. It never buys. A number already listed counts as this purchase
/// only when it is the same number at Twilio (its SID), never by the phone number alone.
/// </summary>
public sealed class PurchaseReconciler(
    TwilioTelephonyProvider twilio,
    IPurchaseIntentRepository intents,
    INumberRepository numbers,
    IVariantCatalogRepository variants,
    TelephonySteps steps,
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
            if (known.ProviderReference == bought.ProviderReference)
            {
                await intents.CompleteAsync(intent.Key, known.Id, ct);
                return;
            }
            // The same digits under another SID is not this purchase: a person must look, nothing is assumed.
            await intents.FailAsync(intent.Key, $"Twilio holds {bought.Number.Display} ({bought.ProviderReference}) for this purchase, but NumbersBot " +
                $"lists that number with {known.ProviderReference}; an admin must check it in the Twilio console.", ct);
            logger.LogWarning("Purchase {Intent} found {Number} as {Sid} at Twilio, but it is listed as {Listed}; left for an admin",
                intent.Key, bought.Number.E164, bought.ProviderReference, known.ProviderReference);
            return;
        }

        var number = new ProjectNumber(ids.NewId(), intent.ProjectId, bought.Number, intent.Environment, bought.Source,
            bought.ProviderReference, bought.Simulated, intent.VariantId, clock.GetUtcNow(), intent.RequestedBy);
        var variantName = intent.VariantId is null ? null : (await variants.GetAsync(intent.ProjectId, ct)).NameOf(intent.VariantId);
        TelephonyOperation route;
        await using (var work = await unitOfWork.BeginAsync(ct))
        {
            await numbers.AddAsync(number, ct);
            await intents.CompleteAsync(intent.Key, number.Id, ct);
            await audit.RecordAsync(Actor.System,
                new AuditedChange(AuditActions.NumberAdded, intent.ProjectId, number.Number.E164, number.Environment, After: $"{AddNumberHandler.Describe(number, variantName)}; " +
                $"bought for {intent.RequestedBy}, recovered from Twilio after the purchase went unanswered"), ct);
            route = await steps.RecordRouteAsync(number, Actor.System, "bought; the purchase was settled with Twilio", ct);
            await work.CommitAsync(ct);
        }
        logger.LogWarning("Purchase {Intent} settled: {Number} was bought and is now stored", intent.Key, number.Number.E164);

        // As the purchase would have: routed once stored; a failure stays recorded and is retried.
        try
        {
            await steps.RunAsync(route, ct);
        }
        catch (DomainException failure)
        {
            logger.LogWarning("{Number} is stored but could not be routed yet: {Reason}", number.Number.E164, failure.Message);
        }
    }
}
