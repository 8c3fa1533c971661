using NumbersBot.Bot.Cards.Views;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Telephony;

/// <summary>
/// The recent-calls line of the cards where someone decides about a number: the delete confirmation, each copy of a
/// pending approval request, and the number's history. Figures come through <see cref="RecentCallsReader"/>, so they
/// are reused briefly and never hold a card up.
/// </summary>
public sealed class NumberTraffic(RecentCallsReader reader, INumberRepository numbers, TimeProvider clock)
{
    public async Task<RecentCallsView> OfAsync(ProjectNumber number, ViewerTime time, CancellationToken ct)
    {
        var calls = await reader.OfAsync(number.ProjectId, number.Number, number.Source, ct);
        return RecentCallsView.From(calls, number.Number.Display, number.IsLive, time, clock.GetUtcNow());
    }

    /// <summary>Only while the request waits for a decision, and only while the number is still held.</summary>
    public async Task<RecentCallsView?> OfAsync(ApprovalRequest request, ViewerTime time, CancellationToken ct) =>
        request.IsPending && await numbers.FindAsync(request.NumberId, ct) is { } number ? await OfAsync(number, time, ct) : null;

    /// <summary>For the number's history, which decides nothing, so without the warning; a number no project holds has no account to read.</summary>
    public async Task<RecentCallsView?> OfAsync(PhoneNumber number, ViewerTime time, CancellationToken ct) =>
        await numbers.FindByE164Async(number.E164, ct) is { } held ? await OfAsync(held, time, ct) with { Warning = null } : null;
}
