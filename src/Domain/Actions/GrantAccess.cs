using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;

namespace NumbersBot.Domain.Actions;

/// <summary>An admin sets what someone may do: their role, and their level in Numbers and in Variants.</summary>
public sealed record GrantAccess(Actor Actor, string UserKey, string? DisplayName, Role Role, AccessLevel Numbers, AccessLevel Variants);

public sealed record AccessGranted(UserAccess Before, UserAccess After);

public sealed class GrantAccessHandler(AccessChanges changes)
{
    public Task<AccessGranted> HandleAsync(GrantAccess command, CancellationToken ct) =>
        changes.ChangeAsync(command.Actor, command.UserKey, command.DisplayName, AuditActions.AccessGranted,
            before => new UserAccess(before.User, before.DisplayName, command.Role, command.Numbers, command.Variants), ct);
}
