using NumbersBot.Domain.Environments;

namespace NumbersBot.Domain.Telephony;

/// <summary>
/// Something the drift check will not repair on its own. <paramref name="Key"/> names it, so it is told once however
/// often it is seen; <paramref name="ProviderCode"/> is the provider's error code when one was given.
/// </summary>
public sealed record DriftFinding(
    string Key, string? ProjectId, string? E164, AgentEnvironment? Environment, string Text, string? ProviderReference, string? ProviderCode);

/// <summary>
/// A repair that re-routed numbers, told once (by <paramref name="Key"/>) to the admins: what was wrong, where the calls go
/// now, and <paramref name="Rerouted"/>, the numbers moved (E.164), each offered a test call.
/// </summary>
public sealed record DriftRepair(string Key, string ProjectId, AgentEnvironment Environment, string Text, IReadOnlyList<string> Rerouted);

/// <summary>What one drift check found and did.</summary>
public sealed class DriftOutcome
{
    public int Listed { get; set; }
    public int Held { get; set; }

    /// <summary>List calls made to the provider, retries included.</summary>
    public int ProviderCalls { get; set; }

    public List<string> Repairs { get; } = [];
    public List<DriftFinding> Reported { get; } = [];
}

/// <param name="PurchaseInFlight">A tagged number whose purchase is younger than this is left to the purchase, which stores it itself.</param>
/// <param name="MostMissingRepairedAtOnce">More listed numbers missing from one account than this (and than a tenth) is reported, not repaired.</param>
public sealed record DriftPolicy(TimeSpan PurchaseInFlight, int MostMissingRepairedAtOnce)
{
    public static DriftPolicy Default { get; } = new(TimeSpan.FromMinutes(5), 3);
}

/// <summary>Where findings go to people: the admins' places in Teams and Slack, and the log.</summary>
public interface IDriftReports
{
    /// <summary>Records the finding for the admins in the caller's unit of work; false when it was already recorded (nothing is written then).</summary>
    Task<bool> ReportAsync(DriftFinding finding, CancellationToken ct);

    /// <summary>Records the repair for the admins in the caller's unit of work (the one that records its steps), once per key.</summary>
    Task RepairedAsync(DriftRepair repair, CancellationToken ct);
}
