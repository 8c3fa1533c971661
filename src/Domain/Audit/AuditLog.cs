using NumbersBot.Domain.Access;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Domain.Audit;

/// <summary>Writes audit entries with the clock and ids filled in, so handlers say only what happened.</summary>
public sealed class AuditLog(IAuditTrail trail, TimeProvider clock, IIdSource ids)
{
    public Task RecordAsync(
        Actor actor, string action, string? projectId, string? number, AgentEnvironment? environment,
        string? before, string? after, CancellationToken ct) =>
        trail.AppendAsync(
            new AuditEntry(ids.NewId(), clock.GetUtcNow(), actor.User.Key, actor.DisplayName, actor.Channel,
                action, projectId, number, environment, before, after),
            ct);
}
