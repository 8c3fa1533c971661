using System.Globalization;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Cards.Views;

/// <summary>
/// A number's recent calls in words: "12 calls in the last 7 days; the last 3 minutes ago (2026-12-05 22:51 UTC)", and
/// for a Live number that took calls today the stronger warning shown before deleting it.
/// </summary>
public sealed record RecentCallsView(string Summary, string? Warning)
{
    public const string UnknownSummary = "Traffic unknown: the call log did not answer in time.";
    public const string SimulatedPrefix = "Simulated (this number is not on Twilio): ";

    /// <param name="now">When the card is drawn: "3 minutes ago" counts from here, the time in brackets stays true later.</param>
    /// <param name="simulated">The number exists only in the simulated provider: its figures are made up, and the card says so.</param>
    public static RecentCallsView From(RecentCalls calls, string numberDisplay, bool live, ViewerTime time, DateTimeOffset now, bool simulated = false)
    {
        if (!calls.Known) return new RecentCallsView(UnknownSummary, null);
        var made = simulated ? SimulatedPrefix : "";
        if (calls.LastAt is not { } last) return new RecentCallsView($"{made}No calls in the last 7 days.", null);
        var ago = $"the last {Ago(now - last)}";
        var summary = $"{made}{Calls(calls.InLastWeek)} in the last 7 days; {ago} ({time.Format(last)}).";
        // The time itself is in the summary beside it; the warning stays short enough to read at a glance.
        var warning = calls.WarnsBeforeDeleting(live)
            ? $"{numberDisplay} took {Calls(calls.InLastDay)} in the last 24 hours; {ago}. Deleting it cuts off callers who are still dialling it."
            : null;
        return new RecentCallsView(summary, warning);
    }

    private static string Calls(int count) => count == 1 ? "1 call" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} calls";

    /// <summary>"just now", "3 minutes ago", "5 hours ago", "2 days ago".</summary>
    public static string Ago(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.FromMinutes(1)) return "just now";
        if (elapsed < TimeSpan.FromHours(1)) return Unit((int)elapsed.TotalMinutes, "minute");
        if (elapsed < TimeSpan.FromDays(2)) return Unit((int)elapsed.TotalHours, "hour");
        return Unit((int)elapsed.TotalDays, "day");
    }

    private static string Unit(int count, string unit) => count == 1 ? $"1 {unit} ago" : $"{count} {unit}s ago";
}
