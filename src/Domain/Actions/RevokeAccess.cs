using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;

namespace NumbersBot.Domain.Actions;

/// <summary>
/// An admin takes away everything someone may do. Stored as no access rather than forgotten, so that the
/// workspace's starting access (Access:Defaults) does not hand it back.
/// </summary>
public sealed record RevokeAccess(Actor Actor, string UserKey);

public sealed class RevokeAccessHandler(AccessChanges changes)
{
    public Task<AccessGranted> HandleAsync(RevokeAccess command, CancellationToken ct) =>
        changes.ChangeAsync(command.Actor, command.UserKey, null, AuditActions.AccessRevoked,
            before => new UserAccess(before.User, before.DisplayName, Role.Member, AccessLevel.None, AccessLevel.None), ct);
}
