using NumbersBot.Bot.Conversation;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;

namespace NumbersBot.Bot.Approvals;

/// <summary>
/// The card where a person asked for a Live deletion becomes a copy of their request: the copies job turns it into the
/// request's card (status and Withdraw) at once, and keeps it true until the request ends.
/// </summary>
public sealed class RequesterCards(IApprovalCopyStore copies, IApprovalSignal signal, TimeProvider clock)
{
    public async Task KeepAsync(Guid approvalId, Actor requester, ReplyAddress shownAt, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var copy = new ApprovalCopy(approvalId, shownAt.Channel, CopyKind.Requester, requester.User.Key, shownAt.Json, null, 0);
        // The first card stays the requester's copy; asking again on another card does not replace it.
        if (await copies.TryClaimAsync(copy, now, now, ct)) await signal.ChangedAsync(ct);
    }
}
