using NumbersBot.Domain.Access;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Domain.Actions;

/// <summary>
/// Settle a purchase whose outcome was never learned (a timeout, a crash between paying and storing), given what the
/// provider holds for it: <paramref name="Bought"/> null means nothing. It never buys.
/// </summary>
public sealed record SettlePurchase(PurchaseIntent Intent, ProvisionedNumber? Bought, string Provider);

public enum Settlement
{
    /// <summary>The provider holds nothing for it: the purchase failed.</summary>
    NothingBought,

    /// <summary>Already listed as this very number (same provider reference): only the purchase was left to complete.</summary>
    AlreadyListed,

    /// <summary>The same digits are listed under another provider reference: not assumed to be this purchase, left for an admin.</summary>
    ListedOtherwise,

    /// <summary>Stored as the purchase would have stored it, and routed (or routing is retried: see the warning).</summary>
    Stored,
}

public sealed record PurchaseSettled(Settlement Settlement, ProjectNumber? Number, string? Warning);

public sealed class SettlePurchaseHandler(
    INumberRepository numbers,
    IPurchaseIntentRepository intents,
    BoughtNumbers bought,
    TelephonySteps steps,
    TimeProvider clock,
    IIdSource ids)
{
    public static string NothingBought(string provider) => $"No number was bought: {provider} holds no number for this purchase.";

    public async Task<PurchaseSettled> HandleAsync(SettlePurchase command, CancellationToken ct)
    {
        var (intent, held) = (command.Intent, command.Bought);
        if (held is null)
        {
            await intents.FailAsync(intent.Key, NothingBought(command.Provider), ct);
            return new PurchaseSettled(Settlement.NothingBought, null, null);
        }

        if (await numbers.FindByE164Async(held.Number.E164, ct) is { } known) return await ListedAsync(command, held, known, ct);

        var number = new ProjectNumber(ids.NewId(), intent.ProjectId, held.Number, intent.Environment, held.Source,
            held.ProviderReference, held.Simulated, intent.VariantId, clock.GetUtcNow(), intent.RequestedBy);
        var history = await bought.DescribeRecoveredAsync(number, intent, $"recovered from {command.Provider} after the purchase went unanswered", ct);
        TelephonyOperation route;
        try
        {
            route = await bought.StoreAsync(number, intent.Key, Actor.System, history, $"bought; the purchase was settled with {command.Provider}", ct);
        }
        catch (DomainException conflict) when (conflict.Kind == RefusalKind.Conflict)
        {
            // Listed since it was looked for (the drift check adopted it meanwhile): settled as if it had been listed then.
            if (await numbers.FindByE164Async(held.Number.E164, ct) is not { } listedMeanwhile) throw;
            return await ListedAsync(command, held, listedMeanwhile, ct);
        }
        // As the purchase would have: routed once stored; a failure stays recorded and is retried.
        return new PurchaseSettled(Settlement.Stored, number, await steps.TryRouteAsync(route, number, ct));
    }

    private async Task<PurchaseSettled> ListedAsync(SettlePurchase command, ProvisionedNumber held, ProjectNumber known, CancellationToken ct)
    {
        if (known.ProviderReference == held.ProviderReference)
        {
            await intents.CompleteAsync(command.Intent.Key, known.Id, ct);
            return new PurchaseSettled(Settlement.AlreadyListed, known, null);
        }
        // The same digits under another reference is not this purchase: a person must look, nothing is assumed.
        await intents.FailAsync(command.Intent.Key, $"{command.Provider} holds {held.Number.Display} ({held.ProviderReference}) for this purchase, but NumbersBot " +
            $"lists that number with {known.ProviderReference}; an admin must check it in the {command.Provider} console.", ct);
        return new PurchaseSettled(Settlement.ListedOtherwise, known, null);
    }
}
