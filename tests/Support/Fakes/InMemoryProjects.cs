namespace NumbersBot.Tests.Support.Fakes;

/// <summary>Hands out copies and saves conditionally on the version, as the database does.</summary>
public sealed class InMemoryProjects : IProjectRepository
{
    private readonly List<Project> _projects = [];

    public InMemoryProjects(params Project[] projects)
    {
        foreach (var project in projects) Add(project);
    }

    public Task<IReadOnlyList<Project>> ListAsync(CancellationToken ct)
    {
        lock (_projects) return Task.FromResult<IReadOnlyList<Project>>(_projects.OrderBy(p => p.Name).Select(p => Copy(p)).ToList());
    }

    public Task<Project?> FindAsync(string idOrName, CancellationToken ct)
    {
        lock (_projects)
            return Task.FromResult((_projects.FirstOrDefault(p => p.Id == idOrName)
                ?? _projects.FirstOrDefault(p => string.Equals(p.Name, idOrName, StringComparison.OrdinalIgnoreCase))) is { } found ? Copy(found) : null);
    }

    public Task AddAsync(Project project, CancellationToken ct) => Completed.After(() => Add(project));

    public Task SaveAsync(Project project, CancellationToken ct) => Completed.After(() =>
    {
        lock (_projects)
        {
            var index = _projects.FindIndex(p => p.Id == project.Id);
            if (index < 0 || _projects[index].Version != project.Version) throw DomainException.Changed($"Project '{project.Name}'");
            _projects[index] = Copy(project, project.Version + 1);
        }
    });

    public Task<bool> HoldAsync(Project project, CancellationToken ct)
    {
        lock (_projects) return Task.FromResult(_projects.Any(p => p.Id == project.Id && p.Version == project.Version));
    }

    public void Add(Project project)
    {
        lock (_projects)
        {
            if (_projects.Any(p => p.Id == project.Id)) throw DomainException.Conflict($"Project '{project.Id}' already exists.");
            _projects.Add(Copy(project));
        }
    }

    private static Project Copy(Project p) => Copy(p, p.Version);

    private static Project Copy(Project p, int version) =>
        new(p.Id, p.Name, p.Integration, p.Sip, p.UsesVariants, p.Archived, version);
}
