using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;

namespace NumbersBot.Domain.Actions;

/// <summary>Who was granted what, by whom, newest first: admins only, since it lists everyone's access.</summary>
public sealed record ShowAccessHistory(Actor Actor);

public sealed record AccessHistory(IReadOnlyList<AuditEntry> Entries);

public sealed class ShowAccessHistoryHandler(ProjectGate gate, IAuditTrail trail)
{
    public async Task<AccessHistory> HandleAsync(ShowAccessHistory command, CancellationToken ct)
    {
        (await gate.AccessAsync(command.Actor, ct)).RequireAdmin("see who was granted access");
        return new AccessHistory(await trail.OutsideProjectsAsync(ShowProjectHistoryHandler.Limit, ct));
    }
}
