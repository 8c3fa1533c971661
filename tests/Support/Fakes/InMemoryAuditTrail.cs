namespace NumbersBot.Tests.Support.Fakes;

public sealed class InMemoryAuditTrail : IAuditTrail
{
    private readonly List<AuditEntry> _entries = [];

    /// <summary>In the order they were appended.</summary>
    public IReadOnlyList<AuditEntry> Entries { get { lock (_entries) return _entries.ToList(); } }

    public IReadOnlyList<string> Actions => Entries.Select(e => e.Action).ToList();

    public Task AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        lock (_entries) _entries.Add(entry with { At = entry.At.ToUniversalTime() });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ForNumberAsync(string e164, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(Entries.Where(e => e.Number == e164).OrderBy(e => e.At).ToList());

    public Task<IReadOnlyList<AuditEntry>> ForProjectAsync(string projectId, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(Entries.Where(e => e.ProjectId == projectId).Reverse().OrderByDescending(e => e.At).Take(limit).ToList());

    public Task<IReadOnlyList<AuditEntry>> OutsideProjectsAsync(int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(Entries.Where(e => e.ProjectId is null).Reverse().OrderByDescending(e => e.At).Take(limit).ToList());
}
