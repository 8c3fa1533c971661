using NumbersBot.Bot.Cards.Views;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Telephony;

/// <summary>
/// The recent-calls line of the cards where someone decides about a number: the delete confirmation, each copy of a
/// pending approval request, and the number's history. Figures come through <see cref="RecentCallsReader"/>, so they
/// are reused briefly and never hold a card up.
/// </summary>
public sealed class NumberTraffic(RecentCallsReader reader, INumberRepository numbers, ICallTraffic callLog, TimeProvider clock)
{
    // Made-up figures must not pass for a real call log (a bot left on the simulated provider in Production).
    private readonly bool _simulated = callLog is SimulatedCallTraffic;

    public async Task<RecentCallsView> OfAsync(ProjectNumber number, ViewerTime time, CancellationToken ct)
    {
        var calls = await reader.OfAsync(number.ProjectId, number.Number, number.Source, ct);
        return RecentCallsView.From(calls, number.Number.Display, number.IsLive, time, clock.GetUtcNow(), _simulated);
    }

    /// <summary>Only while the request waits for a decision, and only while the number is still held.</summary>
    public async Task<RecentCallsView?> OfAsync(ApprovalRequest request, ViewerTime time, CancellationToken ct) =>
        request.IsPending && await numbers.FindAsync(request.NumberId, ct) is { } number ? await OfAsync(number, time, ct) : null;

    /// <summary>
    /// For the number's history, which decides nothing, so without the warning. Its project and account come from the trail
    /// itself (the latest entry naming a project; connected since it was last bought or not), which costs no read.
    /// </summary>
    public async Task<RecentCallsView?> OfAsync(NumberHistory history, ViewerTime time, CancellationToken ct)
    {
        if (history.Entries.LastOrDefault(e => e.ProjectId is not null)?.ProjectId is not { } projectId) return null;
        var origin = history.Entries.LastOrDefault(e => e.ProjectId == projectId && e.Action is AuditActions.NumberAdded or AuditActions.NumberConnected);
        var source = origin?.Action == AuditActions.NumberConnected ? NumberSource.Twilio : NumberSource.Platform;
        var calls = await reader.OfAsync(projectId, history.Number, source, ct);
        return RecentCallsView.From(calls, history.Number.Display, live: false, time, clock.GetUtcNow(), _simulated);
    }
}
