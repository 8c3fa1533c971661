namespace NumbersBot.Domain.Projects;

public interface IProjectRepository
{
    Task<IReadOnlyList<Project>> ListAsync(CancellationToken ct);

    /// <summary>By id, or by name ignoring case.</summary>
    Task<Project?> FindAsync(string idOrName, CancellationToken ct);

    Task AddAsync(Project project, CancellationToken ct);
}
