namespace NumbersBot.Domain.Numbers;

public interface INumberRepository
{
    Task<IReadOnlyList<ProjectNumber>> ListAsync(string projectId, CancellationToken ct);

    Task<ProjectNumber?> FindAsync(Guid id, CancellationToken ct);

    Task<ProjectNumber?> FindByE164Async(string e164, CancellationToken ct);

    /// <summary>Throws <see cref="DomainException"/> (Conflict) when the number is already held by any project.</summary>
    Task AddAsync(ProjectNumber number, CancellationToken ct);

    /// <summary>Stores the variant, conditional on <see cref="ProjectNumber.Version"/>; throws DomainException.Changed (Conflict) when it moved.</summary>
    Task UpdateAsync(ProjectNumber number, CancellationToken ct);

    /// <summary>Removes it, conditional on its version; throws DomainException.Changed (Conflict) when it moved or is gone.</summary>
    Task DeleteAsync(ProjectNumber number, CancellationToken ct);
}
