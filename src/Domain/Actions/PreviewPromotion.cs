using NumbersBot.Domain.Access;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>What promoting to an environment would do, to confirm it first: the version that would run, and the numbers it serves.</summary>
public sealed record PreviewPromotion(Actor Actor, string? Project, AgentEnvironment To);

/// <summary><paramref name="KeepsVariant"/>: false when the number's variant is not in the version being promoted.</summary>
public sealed record AffectedNumber(PhoneNumber Number, string? VariantName, bool KeepsVariant);

public sealed record PromotionPreview(
    Project Project, AgentEnvironment From, AgentEnvironment To, PublishedVersion Version, PublishedVersion? Replaces,
    IReadOnlyList<AffectedNumber> Numbers);

public sealed class PreviewPromotionHandler(ProjectGate gate, IVariantCatalogRepository variants, INumberRepository numbers)
{
    public async Task<PromotionPreview> HandleAsync(PreviewPromotion command, CancellationToken ct)
    {
        var from = command.To.PromotedFrom();
        var (project, _) = await gate.OpenAsync(command.Actor, command.Project, AccessArea.Variants, AccessLevel.Edit, ct);
        var catalog = await variants.GetAsync(project.Id, ct);
        var version = catalog.Published.GetValueOrDefault(from) ?? throw DomainException.Invalid(
            $"Nothing is published to {from.DisplayName()} yet, so there is nothing to promote. Publish the project first.");
        var affected = (await numbers.ListAsync(project.Id, ct))
            .Where(n => n.Environment == command.To)
            .OrderBy(n => n.Number.E164, StringComparer.Ordinal)
            .Select(n => new AffectedNumber(n.Number, catalog.NameOf(n.VariantId), n.VariantId is null || version.Find(n.VariantId) is not null))
            .ToList();
        return new PromotionPreview(project, from, command.To, version, catalog.Published.GetValueOrDefault(command.To), affected);
    }
}
