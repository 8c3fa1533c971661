using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Telephony;

/// <summary>
/// A number bought for a purchase, stored the one way every path that finds one stores it (the purchase itself, its
/// settlement after an unanswered purchase, the drift check adopting it): the number, the purchase settled, its history
/// and its route step in one commit, so a bought number is never forgotten even when routing then fails.
/// </summary>
public sealed class BoughtNumbers(
    INumberRepository numbers, IProjectRepository projects, IPurchaseIntentRepository intents, IVariantCatalogRepository variants,
    TelephonySteps steps, IUnitOfWork unitOfWork, AuditLog audit)
{
    /// <summary>Stores the number and completes its pending purchase; returns the route step to run after the commit.</summary>
    /// <param name="read">The number's project as this request read it before buying: when it is still so, the route goes to its addresses unread again.</param>
    public async Task<TelephonyOperation> StoreAsync(
        ProjectNumber number, string intentKey, Actor actor, string history, string routeReason, CancellationToken ct, Project? read = null) =>
        (await StoreAsync(number, intentKey, actor, history, routeReason, adoption: null, ct, read))!;

    /// <summary>
    /// Stores a number the drift check found for a purchase, completing it even after it failed, with the repair audited
    /// beside it; null when the number is listed already (its purchase or settlement stored it since the lists were read:
    /// it is theirs, and routed by them).
    /// </summary>
    public Task<TelephonyOperation?> AdoptAsync(
        ProjectNumber number, string intentKey, string history, AuditedChange repair, string routeReason, CancellationToken ct) =>
        StoreAsync(number, intentKey, Actor.System, history, routeReason, repair, ct);

    private async Task<TelephonyOperation?> StoreAsync(
        ProjectNumber number, string intentKey, Actor actor, string history, string routeReason, AuditedChange? adoption, CancellationToken ct,
        Project? read = null)
    {
        await using var work = await unitOfWork.BeginAsync(ct);
        // Before the other writes, as a change of SIP addresses takes the project first: the two cannot wait on each other.
        var held = read is not null && await projects.HoldAsync(read, ct) ? read : null;
        try
        {
            await numbers.AddAsync(number, ct);
        }
        catch (DomainException stored) when (adoption is not null && stored.Kind == RefusalKind.Conflict)
        {
            return null;
        }
        if (adoption is null) await intents.CompleteAsync(intentKey, number.Id, ct);
        else await intents.AdoptAsync(intentKey, number.Id, ct);
        await audit.RecordAsync(actor, AuditedChange.To(number, AuditActions.NumberAdded, null, history), ct);
        if (adoption is not null) await audit.RecordAsync(actor, adoption, ct);
        var route = await steps.RecordRouteAsync(number, actor, routeReason, ct, held);
        await work.CommitAsync(ct);
        return route;
    }

    /// <summary>What history says of a number added: where it serves, where it came from, its variant.</summary>
    public static string Describe(ProjectNumber number, string? variantName) =>
        $"{number.Environment.DisplayName()}, source {number.Source.DisplayName()}{(number.Simulated ? " (simulated)" : "")}, variant {variantName ?? "none"}";

    /// <summary>
    /// What history says of a number bought for <paramref name="intent"/> whose answer never came, found later
    /// (<paramref name="how"/>: by the settlement or by the drift check): as the purchase would have said, and for whom.
    /// </summary>
    public async Task<string> DescribeRecoveredAsync(ProjectNumber number, PurchaseIntent intent, string how, CancellationToken ct)
    {
        var variantName = intent.VariantId is null ? null : (await variants.GetAsync(intent.ProjectId, ct)).NameOf(intent.VariantId);
        return $"{Describe(number, variantName)}; bought for {intent.RequestedBy}, {how}";
    }
}
