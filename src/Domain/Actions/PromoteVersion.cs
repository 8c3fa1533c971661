using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>Move the version running in one environment to the next: Sandbox to Pre-release, Pre-release to Live.</summary>
public sealed record PromoteVersion(Actor Actor, string? Project, AgentEnvironment From);

public sealed record VersionPromoted(AgentEnvironment From, AgentEnvironment To, PublishedVersion Version);

public sealed class PromoteVersionHandler(VariantEditing editing, TimeProvider clock)
{
    public Task<VersionPromoted> HandleAsync(PromoteVersion command, CancellationToken ct) =>
        editing.ChangeAsync(command.Actor, command.Project, catalog =>
        {
            var target = command.From.PromotesTo();
            var before = target is null ? null : catalog.Published.GetValueOrDefault(target.Value);
            var (to, version) = catalog.Promote(command.From, clock.GetUtcNow());
            return (new VersionPromoted(command.From, to, version), AuditActions.VersionPromoted,
                before is null ? $"{to.DisplayName()}: nothing published" : $"{to.DisplayName()}: version {before.Number}",
                $"{to.DisplayName()}: version {version.Number} ({PublishProjectHandler.VariantList(version)})");
        }, ct);
}
