using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// Universal Actions: an <c>adaptiveCard/action</c> invoke is answered in the same HTTP response, with the card for
/// the person who clicked (or whose client refreshed); a change is also written to the message for everyone else.
/// </summary>
public sealed class TeamsInvokes(
    ConversationRouter router,
    TeamsCards cards,
    ConnectorClient connector,
    IDeliveryLog deliveries,
    IDeferredReplies deferred,
    TeamsConversations conversations,
    ILogger<TeamsInvokes> logger)
{
    public async Task<JsonObject> HandleAsync(Activity activity, CancellationToken ct)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
            return TeamsCards.InvokeError("The invoke has no value.action.");
        if (!action.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Action.Execute")
            return TeamsCards.InvokeError("value.action.type must be Action.Execute.");
        if (!action.TryGetProperty("verb", out var verbValue) || verbValue.ValueKind != JsonValueKind.String || verbValue.GetString() is not { Length: > 0 } verb)
            return TeamsCards.InvokeError("value.action.verb is missing.");
        var data = action.TryGetProperty("data", out var raw) && raw.ValueKind == JsonValueKind.Object ? Data(raw, verbKey: null).Data : [];
        var automatic = value.TryGetProperty("trigger", out var trigger) && trigger.ValueKind == JsonValueKind.String && trigger.GetString() == "automatic";

        var userId = activity.From?.Id;
        if (TeamsActivities.ActorOf(activity) is not { } actor) return cards.InvokeCard(TeamsActivities.Unidentified, null);
        await conversations.RememberAsync(activity, actor.User, ct);
        var request = new ConversationRequest(actor, verb, data);
        var changes = Verbs.ChangesState(verb);
        if (changes && !await TeamsActivities.FirstDeliveryAsync(deliveries, activity, ct))
            return cards.InvokeCard(await CurrentCardAsync(request, ct), userId);

        if (Verbs.IsSlow(verb))
        {
            var address = new TeamsReplyAddress(activity.ServiceUrl!, activity.Conversation!.Id!, activity.ReplyToId, userId);
            await deferred.EnqueueAsync(request, address.ToAddress(), ct);
            return cards.InvokeCard(ConversationRouter.Progress(request), null);
        }

        var reply = TeamsCards.WithCarriedNotice(await router.HandleAsync(request, ct), request);
        if (automatic || reply.ReplacesCard)
        {
            if (changes && reply.ReplacesCard && activity.ReplyToId is { } cardId) await ReplaceForEveryoneAsync(activity, cardId, reply, ct);
            return cards.InvokeCard(reply, userId);
        }
        // An answer that is not the card's new state (history, help, an error) arrives as a message of its own.
        var message = cards.Message(reply, userId);
        if (activity.ReplyToId is { } thread) await connector.ReplyAsync(activity.ServiceUrl!, activity.Conversation!.Id!, thread, message, ct);
        else await connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, message, ct);
        return TeamsCards.InvokeMessage("NumbersBot answered in the conversation.");
    }

    /// <summary>
    /// Button data merged with form inputs, as strings (templates bind some values, such as a version, as numbers).
    /// Objects and arrays (Teams adds an "msteams" object to some submits) mean nothing to the router and are left out.
    /// </summary>
    public static (string? Verb, Dictionary<string, string?> Data) Data(JsonElement value, string? verbKey)
    {
        var data = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? verb = null;
        foreach (var property in value.EnumerateObject())
        {
            var text = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
            if (property.Name == verbKey) verb = text;
            else if (text is not null || property.Value.ValueKind == JsonValueKind.Null) data[property.Name] = text;
        }
        return (string.IsNullOrWhiteSpace(verb) ? null : verb.Trim(), data);
    }

    /// <summary>What a repeated click sees: the state now, without doing the change a second time.</summary>
    private async Task<Reply> CurrentCardAsync(ConversationRequest request, CancellationToken ct)
    {
        var current = request.Optional(Keys.Project) is { } project
            ? await router.HandleAsync(new ConversationRequest(request.Actor, Verbs.ShowNumbers, new Dictionary<string, string?> { [Keys.Project] = project }), ct)
            : await router.HandleAsync(new ConversationRequest(request.Actor, Verbs.ShowApprovals, new Dictionary<string, string?>()), ct);
        return current.Model is NumbersView numbers
            ? current with { Model = numbers with { Notice = Notice.Attention("That click arrived twice; it was acted on once. This is how things stand now.") } }
            : current;
    }

    /// <summary>The invoke response replaces the card only for the person who clicked; the message itself changes for everyone.</summary>
    private async Task ReplaceForEveryoneAsync(Activity activity, string cardId, Reply reply, CancellationToken ct)
    {
        try
        {
            await connector.UpdateAsync(activity.ServiceUrl!, activity.Conversation!.Id!, cardId, cards.Message(reply, activity.From?.Id), ct);
        }
        catch (ConnectorException failure)
        {
            // The person who clicked still sees the result; the others see it on their next refresh.
            logger.LogWarning("Could not update card {CardId} for everyone: {Failure}", cardId, failure.Message);
        }
    }
}
