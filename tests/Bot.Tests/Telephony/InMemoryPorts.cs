using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Tests.Telephony;

// Small thread-safe stand-ins for the domain's storage ports, so a double click can really race.

public sealed class InMemoryNumbers : INumberRepository
{
    private readonly List<ProjectNumber> _stored = [];

    public IReadOnlyList<ProjectNumber> All { get { lock (_stored) return _stored.ToList(); } }

    public Task<IReadOnlyList<ProjectNumber>> ListAsync(string projectId, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult<IReadOnlyList<ProjectNumber>>(_stored.Where(n => n.ProjectId == projectId).ToList());
    }

    public Task<IReadOnlyList<ProjectNumber>> ListAllAsync(CancellationToken ct)
    {
        lock (_stored) return Task.FromResult<IReadOnlyList<ProjectNumber>>(_stored.ToList());
    }

    public Task SetReachabilityAsync(Guid id, Reachability reachability, string? problem, CancellationToken ct)
    {
        lock (_stored) _stored.FirstOrDefault(n => n.Id == id)?.MarkReachability(reachability, problem);
        return Task.CompletedTask;
    }

    public Task<ProjectNumber?> FindAsync(Guid id, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult(_stored.FirstOrDefault(n => n.Id == id));
    }

    public Task<ProjectNumber?> FindByE164Async(string e164, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult(_stored.FirstOrDefault(n => n.Number.E164 == e164));
    }

    public Task AddAsync(ProjectNumber number, CancellationToken ct)
    {
        lock (_stored)
        {
            if (_stored.Any(n => n.Number.E164 == number.Number.E164)) throw DomainException.Conflict($"{number.Number.Display} is already imported.");
            _stored.Add(number);
        }
        return Task.CompletedTask;
    }

    public Task UpdateAsync(ProjectNumber number, CancellationToken ct) => Task.CompletedTask;

    public Task DeleteAsync(ProjectNumber number, CancellationToken ct)
    {
        lock (_stored) _stored.RemoveAll(n => n.Id == number.Id);
        return Task.CompletedTask;
    }
}

public sealed class InMemoryPurchaseIntents : IPurchaseIntentRepository
{
    private readonly Dictionary<string, PurchaseIntent> _stored = [];

    public PurchaseIntent? Find(string key)
    {
        lock (_stored) return _stored.GetValueOrDefault(key);
    }

    public Task<PurchaseIntent?> TryBeginAsync(PurchaseIntent intent, CancellationToken ct)
    {
        lock (_stored)
        {
            if (_stored.TryGetValue(intent.Key, out var earlier)) return Task.FromResult<PurchaseIntent?>(earlier);
            _stored[intent.Key] = intent;
            return Task.FromResult<PurchaseIntent?>(null);
        }
    }

    public Task CompleteAsync(string key, Guid numberId, CancellationToken ct) =>
        Settle(key, i => i with { State = PurchaseState.Completed, NumberId = numberId });

    public Task FailAsync(string key, string failure, CancellationToken ct) =>
        Settle(key, i => i with { State = PurchaseState.Failed, Failure = failure });

    public Task<IReadOnlyList<PurchaseIntent>> ListPendingAsync(CancellationToken ct)
    {
        lock (_stored)
            return Task.FromResult<IReadOnlyList<PurchaseIntent>>(
                _stored.Values.Where(i => i.State == PurchaseState.Pending).OrderBy(i => i.RequestedAt).ToList());
    }

    public Task<IReadOnlyList<PurchaseIntent>> ListWithoutNumberAsync(CancellationToken ct)
    {
        lock (_stored)
            return Task.FromResult<IReadOnlyList<PurchaseIntent>>(
                _stored.Values.Where(i => i.State != PurchaseState.Completed).OrderBy(i => i.RequestedAt).ToList());
    }

    public Task AdoptAsync(string key, Guid numberId, CancellationToken ct)
    {
        lock (_stored)
        {
            if (_stored.TryGetValue(key, out var intent) && intent.State != PurchaseState.Completed)
                _stored[key] = intent with { State = PurchaseState.Completed, NumberId = numberId, Failure = null };
        }
        return Task.CompletedTask;
    }

    private Task Settle(string key, Func<PurchaseIntent, PurchaseIntent> settle)
    {
        lock (_stored)
        {
            if (_stored.TryGetValue(key, out var intent) && intent.State == PurchaseState.Pending) _stored[key] = settle(intent);
        }
        return Task.CompletedTask;
    }
}

public sealed class InMemoryAuditTrail : IAuditTrail
{
    private readonly List<AuditEntry> _entries = [];

    public IReadOnlyList<AuditEntry> Entries { get { lock (_entries) return _entries.ToList(); } }

    public Task AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        lock (_entries) _entries.Add(entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ForNumberAsync(string e164, CancellationToken ct)
    {
        lock (_entries) return Task.FromResult<IReadOnlyList<AuditEntry>>(_entries.Where(e => e.Number == e164).ToList());
    }

    public Task<IReadOnlyList<AuditEntry>> ForProjectAsync(string projectId, int limit, CancellationToken ct)
    {
        lock (_entries) return Task.FromResult<IReadOnlyList<AuditEntry>>(_entries.Where(e => e.ProjectId == projectId).Reverse().Take(limit).ToList());
    }

    public Task<IReadOnlyList<AuditEntry>> OutsideProjectsAsync(int limit, CancellationToken ct)
    {
        lock (_entries) return Task.FromResult<IReadOnlyList<AuditEntry>>(_entries.Where(e => e.ProjectId is null).Reverse().Take(limit).ToList());
    }
}

public sealed class InMemoryProjects(params Project[] projects) : IProjectRepository
{
    private readonly List<Project> _stored = [.. projects];

    public Task<IReadOnlyList<Project>> ListAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<Project>>(_stored.ToList());

    public Task<Project?> FindAsync(string idOrName, CancellationToken ct) =>
        Task.FromResult(_stored.FirstOrDefault(p => p.Id == idOrName || string.Equals(p.Name, idOrName, StringComparison.OrdinalIgnoreCase)));

    public Task AddAsync(Project project, CancellationToken ct)
    {
        _stored.Add(project);
        return Task.CompletedTask;
    }

    public Task SaveAsync(Project project, CancellationToken ct)
    {
        _stored[_stored.FindIndex(p => p.Id == project.Id)] = project;
        return Task.CompletedTask;
    }
}

public sealed class NoVariants : IVariantCatalogRepository
{
    public Task<VariantCatalog> GetAsync(string projectId, CancellationToken ct) => Task.FromResult(VariantCatalog.Empty(projectId));

    public Task SaveAsync(VariantCatalog catalog, CancellationToken ct) => Task.CompletedTask;
}

public sealed class NoStoredAccess : IAccessRepository
{
    public Task<UserAccess?> FindAsync(UserRef user, CancellationToken ct) => Task.FromResult<UserAccess?>(null);

    public Task<IReadOnlyList<UserAccess>> ListAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<UserAccess>>([]);

    public Task SaveAsync(UserAccess access, CancellationToken ct) => Task.CompletedTask;

    public Task NameAsync(UserRef user, string placeholder, string name, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Writes land as they are made; these tests are about Twilio, not transactions.</summary>
public sealed class ImmediateUnitOfWork : IUnitOfWork
{
    public Task<IWork> BeginAsync(CancellationToken ct) => Task.FromResult<IWork>(new Work());

    private sealed class Work : IWork
    {
        public Task CommitAsync(CancellationToken ct) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
