using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;

namespace NumbersBot.Domain.Actions;

/// <summary>
/// The steps granting, changing and revoking share: only admins; there is always an admin left; configured admins
/// are changed in configuration; the change is stored with an audit entry (before and after).
/// </summary>
public sealed class AccessChanges(AccessControl access, IAccessRepository repository, IUnitOfWork unitOfWork, AuditLog audit)
{
    public async Task<AccessGranted> ChangeAsync(
        Actor actor, string userKey, string? displayName, string auditAction, Func<UserAccess, UserAccess> change, CancellationToken ct)
    {
        (await access.ForAsync(actor, ct)).RequireAdmin("grant, change or revoke access");
        var user = UserRef.Resolve(userKey, actor.User);
        var before = await access.EffectiveAsync(user, null, ct);
        if (displayName is { } name && name.Trim().Length > 0) before = before with { DisplayName = name.Trim() };
        var after = change(before);
        if (before.IsAdmin && !after.IsAdmin) await EnsureAnAdminRemainsAsync(actor, before, ct);

        await using var work = await unitOfWork.BeginAsync(ct);
        await repository.SaveAsync(after with { AskWhom = null }, ct);
        await audit.RecordAsync(actor, new AuditedChange(auditAction, Before: Describe(before), After: Describe(after)), ct);
        await work.CommitAsync(ct);
        return new AccessGranted(before, after);
    }

    private async Task EnsureAnAdminRemainsAsync(Actor actor, UserAccess admin, CancellationToken ct)
    {
        var self = admin.User == actor.User;
        if (access.IsConfiguredAdmin(admin.User))
            throw DomainException.Invalid(self
                ? "You are an admin through the Access:Admins setting, so only that setting can take your admin role away."
                : $"{admin.DisplayName} is an admin through the Access:Admins setting, so only that setting can take their admin role away.");
        var others = (await access.EveryoneAsync(ct)).Count(a => a.IsAdmin && a.User != admin.User);
        if (others == 0)
            throw DomainException.Invalid("You are the last admin, so you cannot remove your own admin role. Make someone else an admin first.");
    }

    private static string Describe(UserAccess access) =>
        $"{access.User.Key} ({access.DisplayName}): {access.Role}, Numbers {access.Numbers}, Variants {access.Variants}";
}
