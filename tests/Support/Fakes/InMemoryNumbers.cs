namespace NumbersBot.Tests.Support.Fakes;

/// <summary>
/// Hands out copies and writes conditionally on the version, as the database does, so a handler's unsaved change never
/// leaks into the store; thread-safe, so a double click can really race.
/// </summary>
/// <param name="projects">The projects beside them, which a route's confirmation is checked against as the database joins them.</param>
public sealed class InMemoryNumbers(IProjectRepository projects) : INumberRepository
{
    private readonly Dictionary<Guid, ProjectNumber> _stored = [];
    private Action? _racer;

    /// <summary>Runs once, just before the next number is added: another bot instance storing first.</summary>
    public Action? BeforeNextAdd { get => _racer; set => _racer = value; }

    private DomainException? _giveWay;

    /// <summary>Thrown once, by the next route's confirmation: the database undoing it for another change at the same moment.</summary>
    public DomainException? GiveWayAtNextConfirmation { get => _giveWay; set => _giveWay = value; }

    /// <summary>Ordered by number, as the database lists them.</summary>
    public IReadOnlyList<ProjectNumber> All { get { lock (_stored) return _stored.Values.OrderBy(n => n.Number.E164, StringComparer.Ordinal).Select(Copy).ToList(); } }

    public ProjectNumber? Stored(Guid id)
    {
        lock (_stored) return _stored.TryGetValue(id, out var number) ? Copy(number) : null;
    }

    /// <summary>Someone else removed it, behind the handler's back.</summary>
    public void RemoveBehindTheScenes(Guid id)
    {
        lock (_stored) _stored.Remove(id);
    }

    private int _listings;

    /// <summary>How often a project's numbers were handed out whole (ListAsync): what counting them must not need.</summary>
    public int Listings => _listings;

    public Task<IReadOnlyList<ProjectNumber>> ListAsync(string projectId, CancellationToken ct)
    {
        Interlocked.Increment(ref _listings);
        lock (_stored) return Task.FromResult<IReadOnlyList<ProjectNumber>>(_stored.Values.Where(n => n.ProjectId == projectId).OrderBy(n => n.Number.E164, StringComparer.Ordinal).Select(Copy).ToList());
    }

    /// <summary>As a database counts: without handing out the numbers.</summary>
    public Task<NumberCounts> CountAsync(string projectId, CancellationToken ct)
    {
        lock (_stored)
        {
            var all = _stored.Values.Where(n => n.ProjectId == projectId).ToList();
            return Task.FromResult(new NumberCounts(all.GroupBy(n => n.Environment).ToDictionary(g => g.Key, g => g.Count()),
                all.Select(n => n.VariantId).Distinct().ToList()));
        }
    }

    public Task<IReadOnlyList<ProjectNumber>> ListAllAsync(CancellationToken ct) => Task.FromResult(All);

    public Task<bool> SetReachabilityAsync(Guid id, Reachability reachability, string? problem, CancellationToken ct)
    {
        lock (_stored)
        {
            if (!_stored.TryGetValue(id, out var stored) || stored.Reachability == Reachability.Removing && reachability != Reachability.Removing)
                return Task.FromResult(false);
            stored.MarkReachability(reachability, problem);
            return Task.FromResult(true);
        }
    }

    public async Task<bool> MarkRoutedAsync(ProjectNumber number, SipAddresses routedTo, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _giveWay, null) is { } busy) throw busy;
        var project = await projects.FindAsync(number.ProjectId, ct);
        lock (_stored)
        {
            if (project?.SipOrNull(number.Environment) != routedTo || !_stored.TryGetValue(number.Id, out var stored)
                || stored.Reachability == Reachability.Removing)
                return false;
            stored.MarkReachability(Reachability.Routed, null);
            return true;
        }
    }

    public Task<ProjectNumber?> FindAsync(Guid id, CancellationToken ct) => Task.FromResult(Stored(id));

    public Task<ProjectNumber?> FindByE164Async(string e164, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult(_stored.Values.Where(n => n.Number.E164 == e164).Select(Copy).FirstOrDefault());
    }

    public Task AddAsync(ProjectNumber number, CancellationToken ct) => Completed.After(() =>
    {
        Interlocked.Exchange(ref _racer, null)?.Invoke();
        Add(number);
    });

    public void Add(ProjectNumber number)
    {
        lock (_stored)
        {
            if (_stored.Values.Any(n => n.Number.E164 == number.Number.E164))
                throw DomainException.Conflict($"{number.Number.Display} is already imported.");
            number.MarkStored(1);
            _stored.Add(number.Id, Copy(number));
        }
    }

    public Task UpdateAsync(ProjectNumber number, CancellationToken ct) => Completed.After(() =>
    {
        lock (_stored)
        {
            EnsureUnmoved(number);
            number.MarkStored(number.Version + 1);
            _stored[number.Id] = Copy(number);
        }
    });

    public Task DeleteAsync(ProjectNumber number, CancellationToken ct) => Completed.After(() =>
    {
        lock (_stored)
        {
            EnsureUnmoved(number);
            _stored.Remove(number.Id);
        }
    });

    private void EnsureUnmoved(ProjectNumber number)
    {
        if (!_stored.TryGetValue(number.Id, out var stored) || stored.Version != number.Version)
            throw DomainException.Changed(number.Number.Display);
    }

    private static ProjectNumber Copy(ProjectNumber n) =>
        new(n.Id, n.ProjectId, n.Number, n.Environment, n.Source, n.ProviderReference, n.Simulated, n.VariantId, n.AddedAt, n.AddedBy, n.Version,
            n.Reachability, n.Problem);
}
