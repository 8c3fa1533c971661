namespace NumbersBot.Domain.Telephony;

/// <summary>A number's inbound calls over the last week, as the provider's call log has them, or unknown when it could not say.</summary>
public sealed record RecentCalls(bool Known, int InLastWeek, int InLastDay, DateTimeOffset? LastAt)
{
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static RecentCalls Unknown { get; } = new(false, 0, 0, null);

    public static RecentCalls From(IEnumerable<DateTimeOffset> starts, DateTimeOffset now)
    {
        int week = 0, day = 0;
        DateTimeOffset? last = null;
        foreach (var start in starts)
        {
            if (start < now - Week || start > now) continue;
            week++;
            if (start >= now - Day) day++;
            if (last is null || start > last) last = start;
        }
        return new RecentCalls(true, week, day, last);
    }

    /// <summary>Deleting a Live number that took calls today cuts off callers who are still dialling it: that earns a stronger warning.</summary>
    public bool WarnsBeforeDeleting(bool live) => live && Known && InLastDay > 0;
}
