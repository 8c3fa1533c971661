using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>Rename a draft variant (by id or current name); names stay unique.</summary>
public sealed record RenameVariant(Actor Actor, string? Project, string Variant, string NewName);

public sealed record VariantRenamed(Variant Before, Variant After);

public sealed class RenameVariantHandler(VariantEditing editing)
{
    public Task<VariantRenamed> HandleAsync(RenameVariant command, CancellationToken ct) =>
        editing.ChangeAsync(command.Actor, command.Project, catalog =>
        {
            var (before, after) = catalog.RenameDraft(command.Variant, command.NewName);
            return (new VariantRenamed(before, after), AuditActions.VariantRenamed, $"variant {before.Name}", $"variant {after.Name}");
        }, ct);
}
