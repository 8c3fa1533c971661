using NumbersBot.Domain.Environments;

namespace NumbersBot.Domain.Numbers;

/// <summary>How many numbers each environment holds, and which variants they use: what a card says beyond its page.</summary>
public sealed record NumberCounts(IReadOnlyDictionary<AgentEnvironment, int> PerEnvironment, IReadOnlyList<string?> VariantsInUse)
{
    public int In(AgentEnvironment environment) => PerEnvironment.GetValueOrDefault(environment);

    public int Total => PerEnvironment.Values.Sum();
}

/// <summary>Where one environment's page starts (rows before it, in E.164 order).</summary>
public readonly record struct PageStart(AgentEnvironment Environment, int Offset);

/// <summary>A search on the numbers card: digits anywhere in the E.164, or numbers assigned one of these variants.</summary>
public sealed record NumberFilter(string? Digits, IReadOnlyCollection<string> VariantIds)
{
    public bool Matches(ProjectNumber number) => Digits is { } digits
        ? number.Number.E164.Contains(digits, StringComparison.Ordinal)
        : number.VariantId is { } id && VariantIds.Contains(id);
}

/// <summary>An approval request still waiting on a number, as the card marks it.</summary>
public readonly record struct OpenApproval(Guid Id, DateTimeOffset ExpiresAt);

/// <summary>
/// One numbers card's reads: the project's counts (for the callouts), the counts matching the filter per environment,
/// the page of each environment, and each row's open approval (<see cref="Approvals"/> is null when the store could not
/// read them with the rows, so the caller asks the approvals repository).
/// </summary>
public sealed record NumbersCardRead(
    NumberCounts Counts, IReadOnlyDictionary<AgentEnvironment, int> Matching, IReadOnlyList<ProjectNumber> Rows,
    IReadOnlyDictionary<Guid, OpenApproval>? Approvals);

public interface INumberRepository
{
    Task<IReadOnlyList<ProjectNumber>> ListAsync(string projectId, CancellationToken ct);

    /// <summary>Counted where the numbers are; the default counts a whole list (for stores held in memory).</summary>
    async Task<NumberCounts> CountAsync(string projectId, CancellationToken ct)
    {
        var all = await ListAsync(projectId, ct);
        return new NumberCounts(all.GroupBy(n => n.Environment).ToDictionary(g => g.Key, g => g.Count()), all.Select(n => n.VariantId).Distinct().ToList());
    }

    /// <summary>
    /// What one numbers card shows, read together (a database answers in one round trip); the default reads a whole
    /// list, for stores held in memory.
    /// </summary>
    async Task<NumbersCardRead> CardAsync(string projectId, IReadOnlyList<PageStart> starts, int size, NumberFilter? filter, CancellationToken ct)
    {
        var all = await ListAsync(projectId, ct);
        var counts = new NumberCounts(all.GroupBy(n => n.Environment).ToDictionary(g => g.Key, g => g.Count()), all.Select(n => n.VariantId).Distinct().ToList());
        var matching = filter is null ? all : all.Where(filter.Matches).ToList();
        var rows = starts.SelectMany(start => matching.Where(n => n.Environment == start.Environment)
            .OrderBy(n => n.Number.E164, StringComparer.Ordinal).Skip(start.Offset).Take(size)).ToList();
        return new NumbersCardRead(counts, matching.GroupBy(n => n.Environment).ToDictionary(g => g.Key, g => g.Count()), rows, null);
    }

    /// <summary>Every number of every project, for the drift check.</summary>
    Task<IReadOnlyList<ProjectNumber>> ListAllAsync(CancellationToken ct);

    Task<ProjectNumber?> FindAsync(Guid id, CancellationToken ct);

    Task<ProjectNumber?> FindByE164Async(string e164, CancellationToken ct);

    /// <summary>Which of these E.164 numbers are listed, in any project (a database answers in one round trip); the default asks one by one.</summary>
    async Task<IReadOnlySet<string>> ListedAmongAsync(IReadOnlyCollection<string> e164s, CancellationToken ct)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e164 in e164s)
            if (await FindByE164Async(e164, ct) is not null) listed.Add(e164);
        return listed;
    }

    /// <summary>Throws <see cref="DomainException"/> (Conflict) when the number is already held by any project.</summary>
    Task AddAsync(ProjectNumber number, CancellationToken ct);

    /// <summary>Stores the variant, conditional on <see cref="ProjectNumber.Version"/>; throws DomainException.Changed (Conflict) when it moved.</summary>
    Task UpdateAsync(ProjectNumber number, CancellationToken ct);

    /// <summary>
    /// Stores what the provider confirmed, without bumping the version (approvals stay valid). A number whose removal has
    /// started stays <see cref="Reachability.Removing"/> whatever a route reports: false then, or when it is gone.
    /// </summary>
    Task<bool> SetReachabilityAsync(Guid id, Reachability reachability, string? problem, CancellationToken ct);

    /// <summary>
    /// Stores that the provider confirmed a route to <paramref name="routedTo"/>, only while that is still what the number
    /// should have: not being removed, and <paramref name="routedTo"/> still its project's addresses for its environment.
    /// False when either no longer holds (or the number is gone), and nothing changes.
    /// </summary>
    Task<bool> MarkRoutedAsync(ProjectNumber number, SipAddresses routedTo, CancellationToken ct);

    /// <summary>Removes it, conditional on its version; throws DomainException.Changed (Conflict) when it moved or is gone.</summary>
    Task DeleteAsync(ProjectNumber number, CancellationToken ct);
}
