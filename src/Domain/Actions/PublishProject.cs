using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>Publish the drafts as a new version, which then runs on Sandbox.</summary>
public sealed record PublishProject(Actor Actor, string? Project);

public sealed record ProjectPublished(PublishedVersion Version);

public sealed class PublishProjectHandler(VariantEditing editing, TimeProvider clock)
{
    public Task<ProjectPublished> HandleAsync(PublishProject command, CancellationToken ct) =>
        editing.ChangeAsync(command.Actor, command.Project, catalog =>
        {
            var before = catalog.Published.GetValueOrDefault(AgentEnvironment.Sandbox);
            var version = catalog.Publish(clock.GetUtcNow());
            return (new ProjectPublished(version), AuditActions.ProjectPublished,
                before is null ? "Sandbox: nothing published" : $"Sandbox: version {before.Number}",
                $"Sandbox: version {version.Number} ({VariantList(version)})");
        }, ct);

    internal static string VariantList(PublishedVersion version) =>
        version.Variants.Count == 0 ? "no variants" : string.Join(", ", version.Variants.Select(v => v.Name));
}
