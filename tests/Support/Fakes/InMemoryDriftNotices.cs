using NumbersBot.Bot.Telephony;

namespace NumbersBot.Tests.Support.Fakes;

public sealed class InMemoryDriftNotices : IDriftNoticeStore
{
    private readonly Dictionary<string, (DriftNotice Notice, DateTimeOffset DueAt, bool Posted)> _stored = [];

    public Task<bool> TryAddAsync(DriftNotice notice, DateTimeOffset now, bool posted, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult(_stored.TryAdd(notice.Key, (notice with { CreatedAt = now }, now, posted)));
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
