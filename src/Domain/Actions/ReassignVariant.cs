using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>
/// Assign a different variant to a number. <paramref name="SeenVersion"/> is the number's version on the card
/// the person clicked; a different stored version means the card is stale. A null <paramref name="VariantId"/> clears it.
/// </summary>
public sealed record ReassignVariant(Actor Actor, Guid NumberId, string? VariantId, int? SeenVersion);

public sealed record VariantReassigned(ProjectNumber Number, string? Before, string After, bool Unchanged);

public sealed class ReassignVariantHandler(
    ProjectGate gate, INumberRepository numbers, IVariantCatalogRepository variants, IUnitOfWork unitOfWork, AuditLog audit,
    ApprovalLedger ledger, IApprovalSignal signal)
{
    public async Task<VariantReassigned> HandleAsync(ReassignVariant command, CancellationToken ct)
    {
        var (number, _, _, read) = await gate.OpenNumberAsync(command.Actor, command.NumberId, AccessArea.Numbers, AccessLevel.Edit, ct);
        if (command.SeenVersion is { } seen && seen != number.Version) throw DomainException.Changed(number.Number.Display);

        var catalog = read ?? await variants.GetAsync(number.ProjectId, ct);
        var variant = command.VariantId is null ? null : catalog.RequirePublished(command.VariantId, number.Environment);
        var before = catalog.NameOf(number.VariantId);
        var after = variant?.Name ?? NoVariant;
        if (number.VariantId == variant?.Id) return new VariantReassigned(number, before, after, Unchanged: true);

        number.AssignVariant(variant);
        ApprovalRequest? voided;
        await using (var work = await unitOfWork.BeginAsync(ct))
        {
            await numbers.UpdateAsync(number, ct);
            await audit.RecordAsync(command.Actor,
                AuditedChange.To(number, AuditActions.VariantReassigned, $"variant {before ?? "none"}", $"variant {variant?.Name ?? "none"}"), ct);
            // A pending deletion was asked for the number as it was; it ends with the change, not at the next click.
            voided = await ledger.VoidPendingAsync(number.Id, $"the number's variant was changed to {after} after the request was made.", ct);
            await work.CommitAsync(ct);
        }
        if (voided is not null) await signal.ChangedAsync(ct);
        return new VariantReassigned(number, before, after, Unchanged: false);
    }

    /// <summary>What a number without a variant uses, in sentences.</summary>
    public const string NoVariant = "no variant";
}
