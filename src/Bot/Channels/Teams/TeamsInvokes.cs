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
    TurnPipeline pipeline,
    TeamsCards cards,
    IBotConnector connector,
    TeamsConversations conversations,
    ILogger<TeamsInvokes> logger)
{
    public async Task<IResult> HandleAsync(Activity activity, HttpResponse response, CancellationToken ct)
    {
        if (activity.Value is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
            return Answer(TeamsCards.InvokeError("The invoke has no value.action."));
        if (!action.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "Action.Execute")
            return Answer(TeamsCards.InvokeError("value.action.type must be Action.Execute."));
        if (!action.TryGetProperty("verb", out var verbValue) || verbValue.ValueKind != JsonValueKind.String || verbValue.GetString() is not { Length: > 0 } verb)
            return Answer(TeamsCards.InvokeError("value.action.verb is missing."));
        var data = action.TryGetProperty("data", out var raw) && raw.ValueKind == JsonValueKind.Object ? Data(raw, verbKey: null).Data : [];
        var automatic = value.TryGetProperty("trigger", out var trigger) && trigger.ValueKind == JsonValueKind.String && trigger.GetString() == "automatic";

        if (TeamsActivities.ActorOf(activity) is not { } actor) return cards.InvokeCard(TeamsActivities.Unidentified, null);
        await conversations.RememberAsync(activity, actor.User, ct);
        var request = new ConversationRequest(actor, verb, data) { Conversation = activity.Conversation?.Id ?? "", TimeZone = activity.LocalTimezone };
        var turn = automatic
            ? Turn.Refresh(TeamsChannel.Name, TeamsActivities.DeliveryId(activity), request)
            : Turn.Click(TeamsChannel.Name, TeamsActivities.DeliveryId(activity), request);
        var surface = new TeamsInvokeSurface(connector, cards, activity, request, response, logger);
        await pipeline.HandleAsync(turn, surface, ct);
        await surface.FinishAsync(ct);
        return Results.Empty;
    }

    private static IResult Answer(JsonObject invokeResponse) => Results.Json(invokeResponse, statusCode: StatusCodes.Status200OK);

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
}
