namespace NumbersBot.Domain.Access;

public interface IAccessRepository
{
    Task<UserAccess?> FindAsync(UserRef user, CancellationToken ct);

    Task<IReadOnlyList<UserAccess>> ListAsync(CancellationToken ct);

    /// <summary>Inserts or replaces the person's access.</summary>
    Task SaveAsync(UserAccess access, CancellationToken ct);

    /// <summary>Sets the person's name only while it is still <paramref name="placeholder"/>; nothing else changes.</summary>
    Task NameAsync(UserRef user, string placeholder, string name, CancellationToken ct);
}
