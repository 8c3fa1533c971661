namespace NumbersBot.Domain.Tests.Fakes;

public sealed class InMemoryProjects : IProjectRepository
{
    private readonly List<Project> _projects = [];

    public Task<IReadOnlyList<Project>> ListAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<Project>>(_projects.ToList());

    public Task<Project?> FindAsync(string idOrName, CancellationToken ct) =>
        Task.FromResult(_projects.FirstOrDefault(p => p.Id == idOrName)
            ?? _projects.FirstOrDefault(p => string.Equals(p.Name, idOrName, StringComparison.OrdinalIgnoreCase)));

    public Task AddAsync(Project project, CancellationToken ct) => Completed.After(() => Add(project));

    public void Add(Project project)
    {
        if (_projects.Any(p => p.Id == project.Id)) throw DomainException.Conflict($"Project '{project.Id}' already exists.");
        _projects.Add(project);
    }
}
