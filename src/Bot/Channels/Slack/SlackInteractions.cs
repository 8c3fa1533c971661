using System.Text.Json.Nodes;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// Button clicks (block_actions) and modal submissions (view_submission). A click is acknowledged with an empty
/// 200; what it leads to (the replaced message, a modal, an ephemeral refusal) follows through Slack's API. A signed
/// interaction NumbersBot cannot read is acknowledged too, has no effect, and is answered by <see cref="SlackUnreadable"/>.
/// </summary>
public static class SlackInteractions
{
    public static async Task<IResult> HandleAsync(HttpContext http, SlackPeople people, SlackConversation conversation, TurnPipeline pipeline,
        SlackUnreadable unreadable, CancellationToken ct)
    {
        JsonObject? payload = null;
        try
        {
            var form = SlackVerification.Body(http).Form;
            payload = SlackPayloads.Object(SlackPayloads.Required(form, "payload"), "The payload");
            switch (SlackPayloads.Optional(payload, "type"))
            {
                case "block_actions":
                    var (request, surface) = await ReadClickAsync(payload, people, conversation, ct);
                    // Slack does not redeliver interactions: each click is a new delivery.
                    await pipeline.HandleAsync(Turn.Click(SlackChannel.Name, null, request), surface, ct);
                    return Results.Ok();
                case "view_submission":
                    return await SlackFormSubmissions.SubmitAsync(payload, people, conversation, pipeline, ct);
                default:
                    return Results.Ok(); // view_closed and the like: nothing to do
            }
        }
        catch (SlackRequestException problem)
        {
            return await unreadable.AnswerAsync(payload, problem.Message, ct);
        }
    }

    /// <summary>action_id is the verb and a suffix that keeps it unique in its block; value is the JSON of the button's data.</summary>
    public static (string Verb, Dictionary<string, string?> Data) Decode(string actionId, string? value)
    {
        var separator = actionId.IndexOf(':');
        return (separator < 0 ? actionId : actionId[..separator], SlackPayloads.Data(value));
    }

    /// <summary>Everything a click needs, read before anything happens: a button this version does not know is unreadable.</summary>
    private static async Task<(ConversationRequest, SlackInteractionSurface)> ReadClickAsync(
        JsonObject payload, SlackPeople people, SlackConversation conversation, CancellationToken ct)
    {
        var action = (payload["actions"] as JsonArray)?.FirstOrDefault() as JsonObject
            ?? throw new SlackRequestException("The payload has no actions.");
        var (verb, data) = Decode(SlackPayloads.Required(action, "action_id"), SlackPayloads.Optional(action, "value"));
        if (Verbs.Find(verb) is null) throw new SlackRequestException($"The button '{verb}' is not one this NumbersBot has.");
        var actor = await people.ActorAsync(payload, ct);
        // A message's own inputs (the reason beside Deny) arrive as state.values.<block>.<action>.value.
        if (SlackPayloads.Optional(payload, $"state.values.{Keys.Reason}.{Keys.Reason}.value") is { } reason) data[Keys.Reason] = reason;
        // The Find box's text goes only with a button that names the filter (Find, the pages), never with Show all.
        if (data.ContainsKey(Keys.Filter)) data[Keys.Filter] = SlackPayloads.Optional(payload, $"state.values.{Keys.Filter}.{Keys.Filter}.value");
        var request = new ConversationRequest(actor, verb, data)
        {
            Conversation = SlackPayloads.Optional(payload, "channel.id") ?? SlackPayloads.Optional(payload, "container.channel_id") ?? "",
            TimeZone = people.TimeZoneOf(actor),
        };
        var surface = conversation.Interaction(SlackPayloads.ResponseUrl(payload), SlackPayloads.Optional(payload, "trigger_id"),
            actor.User.Id, request.Optional(Keys.Environment));
        return (request, surface);
    }
}
