using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// A reply as Teams wants it: the Adaptive Card from the shared templates, plus the Universal Actions <c>refresh</c>
/// that makes each viewer's client ask for their own view of the card (only what their access allows).
/// </summary>
public sealed class TeamsCards(CardRenderer renderer)
{
    public const string AdaptiveCardType = "application/vnd.microsoft.card.adaptive";
    // A notice ("Deleted +44…") belongs to the moment; the refresh carries it so it survives the viewer's refresh.
    public const string NoticeKey = "teams.notice";
    public const string NoticeStyleKey = "teams.noticeStyle";

    /// <summary>The card, refreshed for <paramref name="userId"/> (a 29:… id) when its view depends on who looks.</summary>
    public JsonObject Card(Reply reply, string? userId) => CardForEach(reply, userId is null ? [] : [userId]);

    /// <summary>The card, refreshed for each of <paramref name="userIds"/> (at most 60, Teams' limit) when its view depends on who looks.</summary>
    public JsonObject CardForEach(Reply reply, IReadOnlyList<string> userIds)
    {
        var card = renderer.Render(reply, CardFormat.Adaptive).AsObject();
        TeamsPeoplePicker.AddTo(card, reply);
        if (userIds.Count > 0 && Refresh(reply) is { } action)
            card["refresh"] = new JsonObject { ["action"] = action, ["userIds"] = new JsonArray(userIds.Select(id => (JsonNode)id).ToArray()) };
        return card;
    }

    public JsonObject Message(Reply reply, string? userId) => MessageForEach(reply, userId is null ? [] : [userId]);

    public JsonObject MessageForEach(Reply reply, IReadOnlyList<string> userIds) => new()
    {
        ["type"] = ActivityTypes.Message,
        ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = AdaptiveCardType, ["content"] = CardForEach(reply, userIds) }),
    };

    public JsonObject InvokeCard(Reply reply, string? userId) => new()
    {
        ["statusCode"] = 200,
        ["type"] = AdaptiveCardType,
        ["value"] = Card(reply, userId),
    };

    public static JsonObject InvokeMessage(string text) => new()
    {
        ["statusCode"] = 200,
        ["type"] = "application/vnd.microsoft.activity.message",
        ["value"] = text,
    };

    public static JsonObject InvokeError(string message) => new()
    {
        ["statusCode"] = 400,
        ["type"] = "application/vnd.microsoft.error",
        ["value"] = new JsonObject { ["code"] = "BadRequest", ["message"] = message },
    };

    /// <summary>A refreshed numbers card gets back the notice it was sent with.</summary>
    public static Reply WithCarriedNotice(Reply reply, ConversationRequest request) =>
        reply.Model is NumbersView { Notice: null } numbers && request.Optional(NoticeKey) is { } text
            ? reply with { Model = numbers with { Notice = new Notice(text, request.Optional(NoticeStyleKey) ?? "attention") } }
            : reply;

    /// <summary>Only views a verb re-reads get a refresh (see its declaration); a form or a decision must not be swapped under the user's hand.</summary>
    private static JsonObject? Refresh(Reply reply)
    {
        if (Verbs.RefreshFor(reply.View) is not { Refreshes: { } refresh } verb) return null;
        var data = new JsonObject();
        foreach (var (key, value) in refresh.Data(reply.Model)) data[key] = value;
        if (reply.Model is NumbersView { Notice: { } notice })
        {
            data[NoticeKey] = notice.Text;
            data[NoticeStyleKey] = notice.Style;
        }
        return Execute(verb.Name, data);
    }

    private static JsonObject Execute(string verb, JsonObject data) => new()
    {
        ["type"] = "Action.Execute",
        ["verb"] = verb,
        ["data"] = data,
    };
}
