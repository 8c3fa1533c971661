using System.Text.Json.Nodes;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// Button clicks (block_actions) and modal submissions (view_submission). A click is acknowledged with an empty
/// 200; what it leads to (the replaced message, a modal, an ephemeral refusal) follows through Slack's API.
/// </summary>
public static class SlackInteractions
{
    public static async Task<IResult> HandleAsync(
        HttpContext http, SlackPeople people, SlackConversation conversation, TurnPipeline pipeline, CancellationToken ct)
    {
        var form = SlackPayloads.Form(SlackVerification.Body(http));
        var payload = SlackPayloads.Object(SlackPayloads.Required(form, "payload"), "The payload");
        return SlackPayloads.Optional(payload, "type") switch
        {
            "block_actions" => await ClickAsync(payload, people, conversation, pipeline, ct),
            "view_submission" => await SlackFormSubmissions.SubmitAsync(payload, people, conversation, pipeline, ct),
            _ => Results.Ok(), // view_closed and the like: nothing to do
        };
    }

    /// <summary>action_id is the verb and a suffix that keeps it unique in its block; value is the JSON of the button's data.</summary>
    public static (string Verb, Dictionary<string, string?> Data) Decode(string actionId, string? value)
    {
        var separator = actionId.IndexOf(':');
        return (separator < 0 ? actionId : actionId[..separator], SlackPayloads.Data(value));
    }

    private static async Task<IResult> ClickAsync(
        JsonObject payload, SlackPeople people, SlackConversation conversation, TurnPipeline pipeline, CancellationToken ct)
    {
        var actor = await people.ActorAsync(payload, ct);
        var action = (payload["actions"] as JsonArray)?.FirstOrDefault() as JsonObject
            ?? throw new SlackRequestException("The payload has no actions.");
        var (verb, data) = Decode(SlackPayloads.Required(action, "action_id"), SlackPayloads.Optional(action, "value"));
        // A message's own inputs (the reason beside Deny) arrive as state.values.<block>.<action>.value.
        if (SlackPayloads.Optional(payload, $"state.values.{Keys.Reason}.{Keys.Reason}.value") is { } reason) data[Keys.Reason] = reason;
        var request = new ConversationRequest(actor, verb, data)
        {
            Conversation = SlackPayloads.Optional(payload, "channel.id") ?? SlackPayloads.Optional(payload, "container.channel_id") ?? "",
        };
        var surface = conversation.Interaction(SlackPayloads.Optional(payload, "response_url"), SlackPayloads.Optional(payload, "trigger_id"),
            actor.User.Id, request.Optional(Keys.Environment));
        // Slack does not redeliver interactions: each click is a new delivery.
        await pipeline.HandleAsync(Turn.Click(SlackChannel.Name, null, request), surface, ct);
        return Results.Ok();
    }
}
