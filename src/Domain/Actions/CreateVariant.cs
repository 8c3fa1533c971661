using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>Add a draft variant; the project's first becomes its default.</summary>
public sealed record CreateVariant(Actor Actor, string? Project, string Name);

public sealed record VariantCreated(Variant Variant, bool IsDefault);

public sealed class CreateVariantHandler(VariantEditing editing, IIdSource ids)
{
    public Task<VariantCreated> HandleAsync(CreateVariant command, CancellationToken ct) =>
        editing.ChangeAsync<VariantCreated>(command.Actor, command.Project, catalog =>
        {
            var variant = catalog.AddDraft(ids.NewId().ToString("N"), command.Name);
            return (new VariantCreated(variant, catalog.Default == variant), AuditActions.VariantCreated, null, $"draft variant {variant.Name}");
        }, ct);
}
