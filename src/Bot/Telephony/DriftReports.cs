using NumbersBot.Bot.Approvals;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Telephony;
using Quartz;

namespace NumbersBot.Bot.Telephony;

/// <summary>
/// A finding the drift check will not repair: a Warning in the log (with the provider's code) every time it is seen,
/// and, the first time, a notice recorded for each approvers' place in Teams and Slack, which <see cref="DriftNoticesJob"/>
/// posts; recorded before it is posted, so a restart still posts it, and keyed by the finding, so it is posted once.
/// A repair that re-routed numbers is told the same way, keyed by its first route step, with a Test call for each number.
/// </summary>
public sealed class DriftReports(IDriftNoticeStore notices, ApprovalPlaces places, TimeProvider clock, ILogger<DriftReports> logger) : IDriftReports
{
    /// <summary>The channel of the row that only marks a finding as known, whether or not any place is configured.</summary>
    public const string Seen = "";

    public async Task<bool> ReportAsync(DriftFinding finding, CancellationToken ct)
    {
        logger.LogWarning("Drift check: {Finding} (provider code {ProviderCode}, provider reference {ProviderReference}, project {Project}, number {Number})",
            finding.Text, finding.ProviderCode ?? "none", finding.ProviderReference ?? "none", finding.ProjectId ?? "none", finding.E164 ?? "none");
        var now = clock.GetUtcNow();
        if (!await notices.TryAddAsync(Notice(finding, Seen, Seen), now, posted: true, ct)) return false;
        foreach (var place in places.All)
            await notices.TryAddAsync(Notice(finding, place.Channel, place.Destination), now, posted: false, ct);
        return true;
    }

    public async Task RepairedAsync(DriftRepair repair, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Every number, so the card waits for each one's route step; it offers a test call for the first few, `test <number>` reaches the rest.
        var rerouted = string.Join(' ', repair.Rerouted);
        foreach (var place in places.All)
            await notices.TryAddAsync(new DriftNotice(repair.Key, place.Channel, place.Destination, repair.ProjectId,
                repair.Rerouted.Count == 1 ? repair.Rerouted[0] : null, repair.Text, null, null, 0)
            {
                Environment = repair.Environment, Rerouted = rerouted,
            }, now, posted: false, ct);
    }

    private static DriftNotice Notice(DriftFinding finding, string channel, string destination) =>
        new(finding.Key, channel, destination, finding.ProjectId, finding.E164, finding.Text, finding.ProviderReference, finding.ProviderCode, 0);
}

/// <summary>
/// A finding (or a repair that re-routed numbers) as told in one place; the "seen" row has an empty channel and destination.
/// </summary>
public sealed record DriftNotice(
    string FindingKey, string Channel, string Destination, string? ProjectId, string? E164, string Text, string? ProviderReference,
    string? ProviderCode, int Attempts)
{
    public string Key => $"{FindingKey}|{Channel}|{Destination}";

    public AgentEnvironment? Environment { get; init; }

    /// <summary>A repair's re-routed numbers, E.164 separated by spaces (the card offers the first few a test call); null for a finding.</summary>
    public string? Rerouted { get; init; }

    public IReadOnlyList<string> ReroutedNumbers => Rerouted?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>When it was recorded: how long a repair's card has waited for its route.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

public interface IDriftNoticeStore
{
    /// <summary>Inserts it unless its key is there; false when it was (nothing is written then).</summary>
    Task<bool> TryAddAsync(DriftNotice notice, DateTimeOffset now, bool posted, CancellationToken ct);

    /// <summary>Notices not yet posted whose time has come, oldest first.</summary>
    Task<IReadOnlyList<DriftNotice>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct);

    /// <summary>Takes it for posting until <paramref name="leaseUntil"/>: of two instances, one wins.</summary>
    Task<bool> TryLeaseAsync(DriftNotice notice, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct);

    Task RecordPostedAsync(DriftNotice notice, DateTimeOffset now, CancellationToken ct);

    /// <summary>After a failed post: due again at <paramref name="dueAt"/>, one more attempt counted (the next pause grows).</summary>
    Task RetryLaterAsync(DriftNotice notice, DateTimeOffset dueAt, string failure, CancellationToken ct);

    /// <summary>Every notice of a finding, the "seen" row included.</summary>
    Task<IReadOnlyList<DriftNotice>> ForFindingAsync(string findingKey, CancellationToken ct);
}
