using NumbersBot.Domain.Access;

namespace NumbersBot.Domain.Audit;

/// <summary>Writes audit entries with the clock and ids filled in, so handlers say only what happened.</summary>
public sealed class AuditLog(IAuditTrail trail, TimeProvider clock, IIdSource ids)
{
    public Task RecordAsync(Actor actor, AuditedChange change, CancellationToken ct) =>
        trail.AppendAsync(
            new AuditEntry(ids.NewId(), clock.GetUtcNow(), actor.User.Key, actor.DisplayName, actor.Channel,
                change.Action, change.ProjectId, change.Number, change.Environment, change.Before, change.After),
            ct);
}
