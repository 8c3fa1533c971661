using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>
/// Settles purchases whose outcome was never learned (a timeout, a crash between paying and storing): Twilio is
/// asked for the number tagged with the intent, and the domain's <see cref="SettlePurchaseHandler"/> decides what that
/// means. Only intents older than <see cref="TwilioSettings.ReconcileAfter"/> are touched, so a purchase still in flight
/// is never raced. It never buys.
/// </summary>
public sealed class PurchaseReconciler(
    TwilioTelephonyProvider twilio,
    IPurchaseIntentRepository intents,
    SettlePurchaseHandler settle,
    TwilioSettings settings,
    TimeProvider clock,
    ILogger<PurchaseReconciler> logger)
{
    public static readonly string NothingBought = SettlePurchaseHandler.NothingBought(Provider);
    private const string Provider = "Twilio";

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
        var settled = await settle.HandleAsync(new SettlePurchase(intent, bought, Provider), ct);
        switch (settled.Settlement)
        {
            case Settlement.NothingBought:
                logger.LogInformation("Purchase {Intent} settled: nothing was bought", intent.Key);
                break;
            case Settlement.ListedOtherwise:
                logger.LogWarning("Purchase {Intent} found {Number} as {Sid} at Twilio, but it is listed as {Listed}; left for an admin",
                    intent.Key, bought!.Number.E164, bought.ProviderReference, settled.Number!.ProviderReference);
                break;
            case Settlement.Stored:
                logger.LogWarning("Purchase {Intent} settled: {Number} was bought and is now stored", intent.Key, settled.Number!.Number.E164);
                if (settled.Warning is { } warning)
                    logger.LogWarning("{Number} is stored but could not be routed yet: {Reason}", settled.Number.Number.E164, warning);
                break;
        }
    }
}
