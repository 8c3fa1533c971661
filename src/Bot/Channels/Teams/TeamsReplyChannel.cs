using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>Finishes a slow verb in Teams: the progress card the person saw is replaced by the result (PUT).</summary>
public sealed class TeamsReplyChannel(ConnectorClient connector, TeamsCards cards, TeamsProactive proactive) : IReplyChannel
{
    public string Channel => TeamsChannel.Name;

    public async Task DeliverAsync(ReplyAddress address, Reply reply, CancellationToken ct)
    {
        var where = TeamsReplyAddress.From(address);
        var message = cards.Message(reply, where.UserId);
        if (where.ActivityId is { } activityId)
            await connector.UpdateAsync(where.ServiceUrl, where.ConversationId, activityId, message, ct);
        else
            await connector.SendAsync(where.ServiceUrl, where.ConversationId, message, ct);
    }

    public async Task<ReplyAddress> PostToAsync(string destination, Reply reply, CancellationToken ct)
    {
        var (serviceUrl, conversationId) = await proactive.WhereAsync(destination, ct);
        var activityId = await connector.SendAsync(serviceUrl, conversationId, cards.Message(reply, null), ct);
        return new TeamsReplyAddress(serviceUrl, conversationId, activityId, null).ToAddress();
    }
}
