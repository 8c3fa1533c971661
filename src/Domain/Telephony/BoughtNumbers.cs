using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Domain.Telephony;

/// <summary>
/// A number bought for a purchase, stored the one way every path that finds one stores it (the purchase itself, its
/// settlement after an unanswered purchase, the drift check adopting it): the number, the purchase settled, its history
/// and its route step in one commit, so a bought number is never forgotten even when routing then fails.
/// </summary>
public sealed class BoughtNumbers(
    INumberRepository numbers, IPurchaseIntentRepository intents, TelephonySteps steps, IUnitOfWork unitOfWork, AuditLog audit)
{
    /// <summary>
    /// Returns the route step to run after the commit, or null when <paramref name="adopting"/> and the number is already
    /// listed (the purchase stored it since it was looked for: it is theirs, and routed by them).
    /// </summary>
    public async Task<TelephonyOperation?> StoreAsync(
        ProjectNumber number, string intentKey, Actor actor, string history, string routeReason, CancellationToken ct,
        bool adopting = false, AuditedChange? repair = null)
    {
        await using var work = await unitOfWork.BeginAsync(ct);
        try
        {
            await numbers.AddAsync(number, ct);
        }
        catch (DomainException stored) when (adopting && stored.Kind == RefusalKind.Conflict)
        {
            return null;
        }
        if (adopting) await intents.AdoptAsync(intentKey, number.Id, ct);
        else await intents.CompleteAsync(intentKey, number.Id, ct);
        await audit.RecordAsync(actor, AuditedChange.To(number, AuditActions.NumberAdded, null, history), ct);
        if (repair is not null) await audit.RecordAsync(actor, repair, ct);
        var route = await steps.RecordRouteAsync(number, actor, routeReason, ct);
        await work.CommitAsync(ct);
        return route;
    }

    /// <summary>What history says of a number added: where it serves, where it came from, its variant.</summary>
    public static string Describe(ProjectNumber number, string? variantName) =>
        $"{number.Environment.DisplayName()}, source {number.Source.DisplayName()}{(number.Simulated ? " (simulated)" : "")}, variant {variantName ?? "none"}";
}
