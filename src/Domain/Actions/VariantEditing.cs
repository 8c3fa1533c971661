using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>The steps every variant action shares: open the catalog, change it, store it with an audit entry.</summary>
public sealed class VariantEditing(ProjectGate gate, IVariantCatalogRepository variants, IUnitOfWork unitOfWork, AuditLog audit)
{
    public async Task<TResult> ChangeAsync<TResult>(
        Actor actor, string? projectRef, Func<VariantCatalog, (TResult Result, string Action, string? Before, string After)> change,
        CancellationToken ct)
    {
        var (project, _, read) = await gate.OpenWithCatalogAsync(actor, projectRef, AccessArea.Variants, AccessLevel.Edit, ct);
        if (!project.UsesVariants) throw DomainException.Invalid($"Project '{project.Name}' was created without variants, so it has none to change.");
        var catalog = read ?? await variants.GetAsync(project.Id, ct);
        var (result, action, before, after) = change(catalog);
        await using var work = await unitOfWork.BeginAsync(ct);
        await variants.SaveAsync(catalog, ct);
        await audit.RecordAsync(actor, new AuditedChange(action, project.Id, Before: before, After: after), ct);
        await work.CommitAsync(ct);
        return result;
    }
}
