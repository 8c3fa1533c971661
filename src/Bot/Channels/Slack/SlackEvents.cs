using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// The Events API: the URL check, @mentions (answered ephemerally to the person, in the channel) and direct
/// messages. Slack retries an event it thinks was missed, so each event_id has its effect once across all instances;
/// the bot's own messages are ignored, so it never answers itself.
/// </summary>
public static partial class SlackEvents
{
    [GeneratedRegex(@"<@[A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex Mention();

    public static async Task<IResult> HandleAsync(
        HttpContext http, TurnPipeline pipeline, SlackPeople people, SlackMessages messages, SlackOutbox outbox, CancellationToken ct)
    {
        var body = SlackPayloads.Object(SlackVerification.Body(http).Bytes, "The event");
        switch (SlackPayloads.Optional(body, "type"))
        {
            case "url_verification":
                return Results.Json(new JsonObject { ["challenge"] = SlackPayloads.Required(body, "challenge") });
            case "event_callback":
                break;
            default:
                return Results.Ok();
        }

        var eventId = SlackPayloads.Required(body, "event_id");
        var item = SlackPayloads.OptionalObject(body, "event") ?? throw new SlackRequestException("The payload has no event.");
        var type = SlackPayloads.Optional(item, "type");
        var direct = type == "message" && SlackPayloads.Optional(item, "channel_type") == "im" && SlackPayloads.Optional(item, "subtype") is null;
        if ((type != "app_mention" && !direct) || IsFromABot(item, body)) return Results.Ok();

        var userId = SlackPayloads.Required(item, "user");
        var channel = SlackPayloads.Required(item, "channel");
        var actor = await people.ActorAsync(SlackPayloads.Optional(body, "team_id") ?? SlackPayloads.Optional(item, "team"), userId, null, ct);
        var surface = new EventSurface(messages, outbox, channel, direct ? null : userId, SlackPayloads.Optional(item, "thread_ts"));
        var turn = Turn.Typed(SlackChannel.Name, eventId, actor, Mention().Replace(SlackPayloads.Optional(item, "text") ?? "", " "), channel,
            people.TimeZoneOf(actor));
        await pipeline.HandleAsync(turn, surface, ct);
        return Results.Ok();
    }

    /// <summary>A direct message is answered in the conversation; a mention ephemerally to the person, in the channel (and thread).</summary>
    private sealed class EventSurface(SlackMessages messages, SlackOutbox outbox, string channel, string? mentionedBy, string? thread)
        : IReplySurface
    {
        public Task<ReplyAddress?> ReplaceAsync(Reply reply, CancellationToken ct) => PostAsync(reply, ct);

        /// <summary>Written down before the acknowledgement (<see cref="SlackOutbox"/>): the action behind it is already saved.</summary>
        public async Task<ReplyAddress?> PostAsync(Reply reply, CancellationToken ct)
        {
            var message = messages.Message(reply, extras: w =>
            {
                w.WriteString("channel", channel);
                if (mentionedBy is null) return;
                w.WriteString("user", mentionedBy);
                if (thread is not null) w.WriteString("thread_ts", thread);
            });
            var (what, method) = mentionedBy is null ? ("direct message answer", "chat.postMessage") : ("mention answer", "chat.postEphemeral");
            await outbox.SendAsync(what, SlackDestination.Api(method), message);
            return null;
        }
    }

    /// <summary>A bot's post (ours included: the app's bot user is among the event's authorizations).</summary>
    private static bool IsFromABot(JsonObject item, JsonObject body)
    {
        if (SlackPayloads.Optional(item, "bot_id") is not null || SlackPayloads.Optional(item, "subtype") == "bot_message") return true;
        var user = SlackPayloads.Optional(item, "user");
        return body["authorizations"] is JsonArray authorizations && authorizations.OfType<JsonObject>()
            .Any(a => a["is_bot"] is JsonValue bot && bot.TryGetValue<bool>(out var isBot) && isBot && SlackPayloads.Optional(a, "user_id") == user);
    }
}
