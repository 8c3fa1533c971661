namespace NumbersBot.Domain.Access;

public interface IAccessRepository
{
    Task<UserAccess?> FindAsync(UserRef user, CancellationToken ct);

    Task<IReadOnlyList<UserAccess>> ListAsync(CancellationToken ct);

    /// <summary>Inserts or replaces the person's access.</summary>
    Task SaveAsync(UserAccess access, CancellationToken ct);
}
