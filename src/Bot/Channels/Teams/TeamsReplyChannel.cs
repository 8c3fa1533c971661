using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// Teams outside a turn: finishes a slow verb (the progress card is replaced, PUT), posts to a conversation or a
/// person, and updates posted cards. An approval card seen by many gets one view per person (see <see cref="TeamsApprovalViewers"/>).
/// </summary>
public sealed class TeamsReplyChannel(IBotConnector connector, TeamsCards cards, TeamsProactive proactive, TeamsApprovalViewers viewers)
    : IReplyChannel
{
    public string Channel => TeamsChannel.Name;

    public async Task DeliverAsync(ReplyAddress address, Reply reply, CancellationToken ct)
    {
        var where = TeamsReplyAddress.From(address);
        using var message = await MessageAsync(reply, where.UserId, ct);
        if (where.ActivityId is { } activityId)
            await connector.UpdateAsync(where.ServiceUrl, where.ConversationId, activityId, message, ct);
        else
            await connector.SendAsync(where.ServiceUrl, where.ConversationId, message, ct);
    }

    public async Task<ReplyAddress> PostToAsync(string destination, Reply reply, CancellationToken ct)
    {
        var (serviceUrl, conversationId) = await proactive.WhereAsync(destination, ct);
        using var message = await MessageAsync(reply, null, ct);
        var activityId = await connector.SendAsync(serviceUrl, conversationId, message, ct);
        return new TeamsReplyAddress(serviceUrl, conversationId, activityId, null).ToAddress();
    }

    /// <summary>
    /// A card for one person is refreshed for them. A pending approval card for everyone shows only its status, and each
    /// approver and the requester Teams knows gets their own view by refresh; past 60 of them (Teams' limit) everyone
    /// sees the buttons and the domain refuses whoever may not decide.
    /// </summary>
    private async Task<OutgoingJson> MessageAsync(Reply reply, string? userId, CancellationToken ct)
    {
        if (userId is not null || reply.Model is not ApprovalView approval) return cards.Message(reply, userId);
        var ids = await viewers.ForAsync(Guid.Parse(approval.Id), ct);
        if (ids.Count is 0 or > TeamsApprovalViewers.MaxRefreshUsers) return cards.Message(reply, userId);
        var forEveryone = approval with { MayDecide = false, MayWithdraw = false, MayRetryRelease = false };
        return cards.MessageForEach(reply with { Model = forEveryone }, ids);
    }
}
