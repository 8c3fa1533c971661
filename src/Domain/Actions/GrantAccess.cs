using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;

namespace NumbersBot.Domain.Actions;

/// <summary>An admin sets what someone may do: their role, and their level in Numbers and in Variants.</summary>
public sealed record GrantAccess(Actor Actor, string UserKey, string? DisplayName, Role Role, AccessLevel Numbers, AccessLevel Variants);

public sealed record AccessGranted(UserAccess Before, UserAccess After);

public sealed class GrantAccessHandler(ProjectGate gate, IAccessRepository accessRepository, IUnitOfWork unitOfWork, AuditLog audit)
{
    public async Task<AccessGranted> HandleAsync(GrantAccess command, CancellationToken ct)
    {
        var granter = await gate.AccessAsync(command.Actor, ct);
        granter.RequireAdmin("grant access");
        var user = UserRef.ParseKey(command.UserKey);
        if (user == command.Actor.User && command.Role != Role.Admin)
            throw DomainException.Invalid("You cannot take away your own admin role; ask another admin to do it.");

        var before = await accessRepository.FindAsync(user, ct)
            ?? new UserAccess(user, command.DisplayName ?? user.Id, Role.Member, AccessLevel.None, AccessLevel.None);
        var after = new UserAccess(user, command.DisplayName ?? before.DisplayName, command.Role, command.Numbers, command.Variants);
        await using var work = await unitOfWork.BeginAsync(ct);
        await accessRepository.SaveAsync(after, ct);
        await audit.RecordAsync(command.Actor, AuditActions.AccessGranted, null, null, null, Describe(before), Describe(after), ct);
        await work.CommitAsync(ct);
        return new AccessGranted(before, after);
    }

    private static string Describe(UserAccess access) =>
        $"{access.User.Key} ({access.DisplayName}): {access.Role}, Numbers {access.Numbers}, Variants {access.Variants}";
}
