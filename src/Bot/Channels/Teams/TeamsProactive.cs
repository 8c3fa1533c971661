using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// Messages nobody asked for just now: a card to a conversation or a person the bot has met before (remembered from
/// an authenticated activity). Each method says whether the card went out; the reason it did not is logged.
/// </summary>
public sealed class TeamsProactive(
    TeamsConversations conversations, ConnectorClient connector, TeamsCards cards, TeamsSettings settings, ILogger<TeamsProactive> logger)
{
    public async Task<bool> SendToConversationAsync(string conversationId, Reply reply, CancellationToken ct)
    {
        if (await conversations.FindConversationAsync(conversationId, ct) is not { } conversation)
        {
            logger.LogWarning("Cannot post to Teams conversation {ConversationId}: NumbersBot has not been added to it (or not heard from it) yet",
                conversationId);
            return false;
        }
        return await TrySendAsync(conversation.ServiceUrl, conversation.ConversationId, reply, ct);
    }

    /// <summary>In the person's 1:1 chat with the bot, created if the bot has only met them in a group.</summary>
    public async Task<bool> SendToUserAsync(UserRef user, Reply reply, CancellationToken ct)
    {
        if (await conversations.FindMemberAsync(user, ct) is not { } member)
        {
            logger.LogWarning("Cannot message {User} in Teams: NumbersBot has not met them yet", user.Key);
            return false;
        }
        var conversationId = member.ConversationId;
        if (conversationId is null)
        {
            try
            {
                conversationId = await connector.CreateConversationAsync(member.ServiceUrl, member.BotId ?? $"28:{settings.AppId}", member.UserId,
                    member.TenantId, ct);
            }
            catch (ConnectorException failure)
            {
                logger.LogWarning("Could not open a chat with {User}: {Failure}", user.Key, failure.Message);
                return false;
            }
            await conversations.SaveMemberAsync(user, member with { ConversationId = conversationId }, ct);
        }
        return await TrySendAsync(member.ServiceUrl, conversationId, reply, ct);
    }

    private async Task<bool> TrySendAsync(string serviceUrl, string conversationId, Reply reply, CancellationToken ct)
    {
        try
        {
            await connector.SendAsync(serviceUrl, conversationId, cards.Message(reply, null), ct);
            return true;
        }
        catch (ConnectorException failure)
        {
            logger.LogWarning("Could not post to Teams conversation {ConversationId}: {Failure}", conversationId, failure.Message);
            return false;
        }
    }
}

/// <summary>
/// Tells the approvers' conversation (Teams:ApprovalsConversationId) that a Live deletion waits for a second person,
/// with the approval card and its Approve / Deny buttons. Does nothing when no conversation is configured.
/// </summary>
public sealed class TeamsApprovalNotifier(TeamsProactive proactive, TeamsSettings settings) : IApprovalNotifier
{
    public async Task<bool> NotifyPendingAsync(ApprovalRequest request, CancellationToken ct)
    {
        if (settings.ApprovalsConversationId is not { } conversationId || !request.IsPending) return false;
        // The card goes to many people; the buttons are shown to all and the domain refuses the requester's own approval.
        var card = new Reply(ViewNames.Approval, ApprovalView.From(request, mayDecide: true), ReplacesCard: false);
        return await proactive.SendToConversationAsync(conversationId, card, ct);
    }
}
