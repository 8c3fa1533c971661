using System.Globalization;

namespace NumbersBot.Bot.Cards.Views;

/// <summary>
/// Times as one viewer reads them: in the time zone their channel gave (an IANA id such as "Europe/London"), with UTC
/// beside it so people in different zones can compare; UTC alone when the zone is unknown, unreadable or UTC itself.
/// </summary>
public sealed class ViewerTime
{
    private const int LongestZoneId = 64;

    public static ViewerTime Utc { get; } = new(null);

    private readonly TimeZoneInfo? _zone;

    private ViewerTime(TimeZoneInfo? zone) => _zone = zone;

    /// <summary>The zone is only a label for formatting: anything unknown falls back to UTC, never to an error.</summary>
    public static ViewerTime In(string? zoneId) =>
        zoneId is { Length: > 0 and <= LongestZoneId } id && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) && !IsUtc(zone)
            ? new ViewerTime(zone)
            : Utc;

    /// <summary>"2026-11-27 14:03 Europe/London (13:03 UTC)"; the UTC date is repeated only when it differs.</summary>
    public string Format(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        if (_zone is null) return utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, _zone);
        var beside = utc.Date == local.Date ? utc.ToString("HH:mm", CultureInfo.InvariantCulture) : utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {_zone.Id} ({beside} UTC)";
    }

    /// <summary>A zone that never differs from UTC adds nothing beside it.</summary>
    private static bool IsUtc(TimeZoneInfo zone) => zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime;
}
