using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// Messages nobody asked for just now: a card to a conversation or a person the bot has met before (remembered from
/// an authenticated activity). Each method says whether the card went out; the reason it did not is logged.
/// </summary>
public sealed class TeamsProactive(
    TeamsConversations conversations, IBotConnector connector, TeamsCards cards, TeamsSettings settings, ILogger<TeamsProactive> logger)
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

    /// <summary>
    /// Where a destination is: a conversation the bot was added to, or a person's user key (their 1:1 chat, opened if
    /// need be). Throws when the bot has not heard from it yet, so the caller tries again later.
    /// </summary>
    public async Task<(string ServiceUrl, string ConversationId)> WhereAsync(string destination, CancellationToken ct)
    {
        if (destination.StartsWith("teams:", StringComparison.Ordinal))
        {
            var user = UserRef.ParseKey(destination);
            var member = await conversations.FindMemberAsync(user, ct)
                ?? throw new InvalidOperationException($"NumbersBot has not met {user.Key} in Teams yet.");
            if (member.ConversationId is { } known) return (member.ServiceUrl, known);
            var opened = await connector.CreateConversationAsync(member.ServiceUrl, member.BotId ?? $"28:{settings.AppId}", member.UserId, member.TenantId, ct);
            await conversations.SaveMemberAsync(user, member with { ConversationId = opened }, ct);
            return (member.ServiceUrl, opened);
        }
        var conversation = await conversations.FindConversationAsync(destination, ct)
            ?? throw new InvalidOperationException($"NumbersBot has not been added to Teams conversation {destination} (or not heard from it) yet.");
        return (conversation.ServiceUrl, conversation.ConversationId);
    }

    private async Task<bool> TrySendAsync(string serviceUrl, string conversationId, Reply reply, CancellationToken ct)
    {
        try
        {
            using var message = cards.Message(reply, null);
            await connector.SendAsync(serviceUrl, conversationId, message, ct);
            return true;
        }
        catch (ConnectorException failure)
        {
            logger.LogWarning("Could not post to Teams conversation {ConversationId}: {Failure}", conversationId, failure.Message);
            return false;
        }
    }
}
