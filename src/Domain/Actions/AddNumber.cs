using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>
/// Buy a UK, US or Canadian number for an environment. <paramref name="RequestKey"/> identifies the click:
/// the same key always means the same purchase, so a double click buys one number.
/// </summary>
public sealed record AddNumber(
    Actor Actor, string ProjectId, AgentEnvironment Environment, Country Country, string? AreaCode, string? VariantId, string RequestKey);

/// <summary>The number bought. <paramref name="Repeated"/>: this click had already bought it. <paramref name="Warning"/>: bought, but not routed.</summary>
public sealed record NumberAdded(ProjectNumber Number, string? VariantName, bool Repeated, string? Warning);

public sealed class AddNumberHandler(
    ProjectGate gate,
    INumberRepository numbers,
    IVariantCatalogRepository variants,
    IPurchaseIntentRepository intents,
    ITelephonyProvider telephony,
    TelephonySteps steps,
    BoughtNumbers boughtNumbers,
    AuditLog audit,
    TimeProvider clock,
    IIdSource ids)
{
    public async Task<NumberAdded> HandleAsync(AddNumber command, CancellationToken ct)
    {
        var (project, _, read) = await gate.OpenWithCatalogAsync(command.Actor, command.ProjectId, AccessArea.Numbers, AccessLevel.Edit, ct);
        var areaCode = AreaCode.ParseFor(command.Country, command.AreaCode);
        var catalog = read ?? await variants.GetAsync(project.Id, ct);
        var variant = string.IsNullOrWhiteSpace(command.VariantId) ? null : catalog.RequirePublished(command.VariantId, command.Environment);
        var key = command.RequestKey?.Trim() ?? "";
        if (key.Length is 0 or > PurchaseIntent.MaxKeyLength)
            throw DomainException.Invalid("This request has no valid request key, so it cannot be told apart from a repeated click. Try again from a fresh card.");

        var intent = new PurchaseIntent(key, project.Id, command.Environment, command.Country, areaCode?.Digits, variant?.Id,
            command.Actor.User.Key, clock.GetUtcNow());
        if (await intents.TryBeginAsync(intent, ct) is { } earlier)
        {
            if (earlier with { RequestedBy = intent.RequestedBy, RequestedAt = intent.RequestedAt, State = intent.State, NumberId = null, Failure = null } != intent)
                throw DomainException.Conflict("This request key was already used for a different purchase. Open a fresh Add number form.");
            return await RepeatAsync(earlier, catalog, ct);
        }

        ProvisionedNumber bought;
        try
        {
            bought = await telephony.BuyAsync(new NumberOrder(project.Id, command.Country, areaCode, command.Environment, key), ct);
        }
        catch (DomainException refused) when (refused.Kind != RefusalKind.OutcomeUnknown)
        {
            // The provider said no, so nothing was bought: the intent is settled. An unknown outcome stays pending for reconciliation.
            await intents.FailAsync(key, refused.Message, ct);
            await audit.RecordAsync(command.Actor,
                new AuditedChange(AuditActions.NumberAddFailed, project.Id, Environment: command.Environment, After: Failed($"{command.Country}{(areaCode is null ? "" : $" area code {areaCode.Digits}")}", refused)), ct);
            throw;
        }

        var number = new ProjectNumber(ids.NewId(), project.Id, bought.Number, command.Environment, bought.Source,
            bought.ProviderReference, bought.Simulated, variant?.Id, clock.GetUtcNow(), command.Actor.User.Key);
        var route = await boughtNumbers.StoreAsync(number, key, command.Actor, BoughtNumbers.Describe(number, variant?.Name), "bought", ct, project);
        var warning = await steps.TryRouteAsync(route, number, ct);
        return new NumberAdded(number, variant?.Name, Repeated: false, warning);
    }

    private async Task<NumberAdded> RepeatAsync(PurchaseIntent earlier, VariantCatalog catalog, CancellationToken ct)
    {
        switch (earlier.State)
        {
            case PurchaseState.Completed:
                var number = await numbers.FindAsync(earlier.NumberId!.Value, ct)
                    ?? throw DomainException.Conflict("This request already bought a number, which has since been deleted. Nothing more was bought.");
                return new NumberAdded(number, catalog.NameOf(number.VariantId), Repeated: true, null);
            case PurchaseState.Failed:
                throw new DomainException(RefusalKind.ProviderFailed, earlier.Failure ?? "This purchase failed.");
            default:
                throw DomainException.Conflict("This number is already being bought. The card will show it once the purchase is done; nothing more was bought.");
        }
    }

    /// <summary>What history shows of a refused attempt: what was tried, the provider's sentence and code, never its request id.</summary>
    internal static string Failed(string what, DomainException refused) =>
        $"{what}: {refused.Message}{(refused.ProviderCode is { } code ? $" ({code})" : "")}";
}
