using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Bot.Telephony;
using NumbersBot.Bot.Tests.Approvals;
using NumbersBot.Domain.Approvals;

namespace NumbersBot.Bot.Tests.Telephony;

/// <summary>Teams and Slack as places to post to, recording what arrives.</summary>
public sealed class RecordingChannels
{
    public RecordingReplyChannel Teams { get; } = new(TeamsChannel.Name);
    public RecordingReplyChannel Slack { get; } = new(SlackChannel.Name);
}

public sealed class InMemoryDriftNotices : IDriftNoticeStore
{
    private readonly Dictionary<string, (DriftNotice Notice, DateTimeOffset DueAt, bool Posted)> _stored = [];

    public Task<bool> TryAddAsync(DriftNotice notice, DateTimeOffset now, bool posted, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult(_stored.TryAdd(notice.Key, (notice, now, posted)));
    }

    public Task<IReadOnlyList<DriftNotice>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct)
    {
        lock (_stored)
            return Task.FromResult<IReadOnlyList<DriftNotice>>(_stored.Values.Where(s => !s.Posted && s.DueAt <= now).OrderBy(s => s.DueAt)
                .Take(limit).Select(s => s.Notice).ToList());
    }

    public Task<bool> TryLeaseAsync(DriftNotice notice, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        lock (_stored)
        {
            if (_stored[notice.Key] is not { Posted: false } stored || stored.DueAt > now) return Task.FromResult(false);
            _stored[notice.Key] = stored with { DueAt = leaseUntil };
            return Task.FromResult(true);
        }
    }

    public Task RecordPostedAsync(DriftNotice notice, DateTimeOffset now, CancellationToken ct)
    {
        lock (_stored) _stored[notice.Key] = _stored[notice.Key] with { Posted = true };
        return Task.CompletedTask;
    }

    public Task RetryLaterAsync(DriftNotice notice, DateTimeOffset dueAt, string failure, CancellationToken ct)
    {
        lock (_stored)
        {
            var stored = _stored[notice.Key];
            _stored[notice.Key] = stored with { Notice = stored.Notice with { Attempts = stored.Notice.Attempts + 1 }, DueAt = dueAt };
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DriftNotice>> ForFindingAsync(string findingKey, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult<IReadOnlyList<DriftNotice>>(_stored.Values.Where(s => s.Notice.FindingKey == findingKey).Select(s => s.Notice).ToList());
    }

}

public sealed class InMemoryJobLeases : IJobLeases
{
    private readonly Dictionary<string, (string Owner, DateTimeOffset Until)> _leases = [];

    public Task<bool> TryTakeAsync(string name, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        lock (_leases)
        {
            if (_leases.TryGetValue(name, out var held) && held.Owner != owner && held.Until > now) return Task.FromResult(false);
            _leases[name] = (owner, leaseUntil);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string name, string owner, DateTimeOffset now, CancellationToken ct)
    {
        lock (_leases)
        {
            if (_leases.TryGetValue(name, out var held) && held.Owner == owner) _leases[name] = (owner, now);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Approval requests held as they were last recorded; only what the drift check touches is stored faithfully.</summary>
public sealed class DriftApprovals : IApprovalRepository
{
    private readonly Dictionary<Guid, ApprovalRequest> _stored = [];

    public Task AddAsync(ApprovalRequest request, CancellationToken ct)
    {
        lock (_stored) _stored.Add(request.Id, request);
        return Task.CompletedTask;
    }

    public Task<ApprovalRequest?> FindAsync(Guid id, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult(_stored.GetValueOrDefault(id));
    }

    public Task<ApprovalRequest?> FindPendingForNumberAsync(Guid numberId, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult(_stored.Values.FirstOrDefault(r => r.NumberId == numberId && r.IsPending));
    }

    public Task<IReadOnlyList<ApprovalRequest>> ListPendingAsync(string? projectId, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult<IReadOnlyList<ApprovalRequest>>(_stored.Values.Where(r => r.IsPending).ToList());
    }

    public Task<IReadOnlyList<ApprovalRequest>> ListAwaitingReleaseAsync(Guid numberId, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult<IReadOnlyList<ApprovalRequest>>(_stored.Values.Where(r => r.NumberId == numberId && r.AwaitsRelease).ToList());
    }

    public Task<IReadOnlyList<ApprovalRequest>> ListOverdueAsync(DateTimeOffset now, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult<IReadOnlyList<ApprovalRequest>>(_stored.Values.Where(r => r.IsOverdue(now)).ToList());
    }

    public Task<bool> TryRecordDecisionAsync(ApprovalRequest decided, CancellationToken ct)
    {
        lock (_stored)
        {
            // The same object is shared, so "still pending in storage" is what the caller last saw before deciding.
            _stored[decided.Id] = decided;
            return Task.FromResult(true);
        }
    }

    public Task<bool> TryRecordReleaseAsync(ApprovalRequest approved, CancellationToken ct) => Task.FromResult(false);
}

public sealed class CountingSignal : IApprovalSignal
{
    public int Count { get; private set; }

    public Task ChangedAsync(CancellationToken ct)
    {
        Count++;
        return Task.CompletedTask;
    }
}
