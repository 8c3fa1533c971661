using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>Delete a draft variant; the default goes last. Numbers keep it until the deletion is published.</summary>
public sealed record DeleteVariant(Actor Actor, string? Project, string Variant);

public sealed record VariantDeleted(Variant Variant);

public sealed class DeleteVariantHandler(VariantEditing editing)
{
    public Task<VariantDeleted> HandleAsync(DeleteVariant command, CancellationToken ct) =>
        editing.ChangeAsync(command.Actor, command.Project, catalog =>
        {
            var variant = catalog.DeleteDraft(command.Variant);
            return (new VariantDeleted(variant), AuditActions.VariantDeleted, $"draft variant {variant.Name}", "deleted");
        }, ct);
}
