using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// A message activity's turn (typed text, an Action.Submit click): a replacement updates the card the click came from
/// (PUT), a new message is threaded under the activity. Every message is refreshed for the person who sent the turn.
/// </summary>
public sealed class TeamsMessageSurface(IBotConnector connector, TeamsCards cards, Activity activity, bool threaded = true) : IReplySurface
{
    public async Task<ReplyAddress?> ReplaceAsync(Reply reply, CancellationToken ct)
    {
        if (activity.ReplyToId is not { } cardId) return await PostAsync(reply, ct);
        using var message = cards.Message(reply, activity.From?.Id);
        await connector.UpdateAsync(activity.ServiceUrl!, activity.Conversation!.Id!, cardId, message, ct);
        return Address(cardId);
    }

    public async Task<ReplyAddress?> PostAsync(Reply reply, CancellationToken ct)
    {
        using var message = cards.Message(reply, activity.From?.Id);
        var id = threaded && activity.Id is { } thread
            ? await connector.ReplyAsync(activity.ServiceUrl!, activity.Conversation!.Id!, thread, message, ct)
            : await connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, message, ct);
        return Address(id);
    }

    private ReplyAddress Address(string? activityId) =>
        new TeamsReplyAddress(activity.ServiceUrl!, activity.Conversation!.Id!, activityId, activity.From?.Id).ToAddress();
}

/// <summary>
/// A Universal Action (<c>adaptiveCard/action</c> invoke): a replacement is the HTTP invoke response, sent at once so
/// that it is shown before anything that follows it; when the turn changed something the message is also updated for
/// everyone else (PUT). A new message goes to the conversation and the invoke response says so.
/// </summary>
public sealed class TeamsInvokeSurface(
    IBotConnector connector, TeamsCards cards, Activity activity, ConversationRequest request, HttpResponse response, ILogger logger)
    : IReplySurface
{
    public async Task<ReplyAddress?> ReplaceAsync(Reply reply, CancellationToken ct)
    {
        var userId = activity.From?.Id;
        // One card, written once, is both the invoke response and (after a change) the message everyone sees.
        using var card = cards.Card(TeamsCards.WithCarriedNotice(reply, request), userId);
        if (reply.StateChanged && activity.ReplyToId is { } cardId) await ReplaceForEveryoneAsync(cardId, card, ct);
        await SendAsync(TeamsCards.InvokeResponse(card), ct);
        return new TeamsReplyAddress(activity.ServiceUrl!, activity.Conversation!.Id!, activity.ReplyToId, userId).ToAddress();
    }

    public async Task<ReplyAddress?> PostAsync(Reply reply, CancellationToken ct)
    {
        using var message = cards.Message(reply, activity.From?.Id);
        var id = activity.ReplyToId is { } thread
            ? await connector.ReplyAsync(activity.ServiceUrl!, activity.Conversation!.Id!, thread, message, ct)
            : await connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, message, ct);
        await SendAsync(AnsweredInConversation(), ct);
        return new TeamsReplyAddress(activity.ServiceUrl!, activity.Conversation!.Id!, id, activity.From?.Id).ToAddress();
    }

    /// <summary>The answer to write if the turn showed nothing (it cannot leave Teams without one).</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        if (!response.HasStarted) await SendAsync(AnsweredInConversation(), ct);
    }

    private static OutgoingJson AnsweredInConversation() => OutgoingJson.From(TeamsCards.InvokeMessage("NumbersBot answered in the conversation."));

    private async Task SendAsync(OutgoingJson answer, CancellationToken ct)
    {
        using (answer)
        {
            if (response.HasStarted) return; // one invoke, one response: the first answer stands
            await answer.WriteToAsync(response, ct);
            await response.CompleteAsync();
        }
    }

    /// <summary>The invoke response replaces the card only for the person who clicked; the message itself changes for everyone.</summary>
    private async Task ReplaceForEveryoneAsync(string cardId, OutgoingJson card, CancellationToken ct)
    {
        try
        {
            using var message = TeamsCards.Message(card);
            await connector.UpdateAsync(activity.ServiceUrl!, activity.Conversation!.Id!, cardId, message, ct);
        }
        catch (ConnectorException failure)
        {
            // The person who clicked still sees the result; the others see it on their next refresh.
            logger.LogWarning("Could not update card {CardId} for everyone: {Failure}", cardId, failure.Message);
        }
    }
}
