using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// A reply as Teams wants it: the Adaptive Card from the shared templates, plus the Universal Actions <c>refresh</c>
/// that makes each viewer's client ask for their own view of the card (only what their access allows). The card is
/// written straight into its envelope (a message activity, an invoke response).
/// </summary>
public sealed class TeamsCards(CardRenderer renderer)
{
    public const string AdaptiveCardType = "application/vnd.microsoft.card.adaptive";
    // A notice ("Deleted +44…") belongs to the moment; the refresh carries it so it survives the viewer's refresh.
    public const string NoticeKey = "teams.notice";
    public const string NoticeStyleKey = "teams.noticeStyle";

    /// <summary>The card alone, refreshed for <paramref name="userId"/> (a 29:… id) when its view depends on who looks.</summary>
    public OutgoingJson Card(Reply reply, string? userId) =>
        OutgoingJson.Write((this, reply, Ids(userId)), static (writer, s) => s.Item1.WriteCard(writer, s.reply, s.Item3));

    public OutgoingJson Message(Reply reply, string? userId) => MessageForEach(reply, Ids(userId));

    /// <summary>A message activity with the card, refreshed for each of <paramref name="userIds"/> (at most 60, Teams' limit).</summary>
    public OutgoingJson MessageForEach(Reply reply, IReadOnlyList<string> userIds) => OutgoingJson.Write((this, reply, userIds),
        static (writer, s) => WriteMessage(writer, s, static (w, s) => s.Item1.WriteCard(w, s.reply, s.userIds)));

    /// <summary>A message activity around a card already written (one card both answered and sent).</summary>
    public static OutgoingJson Message(OutgoingJson card) =>
        OutgoingJson.Write(card, static (writer, c) => WriteMessage(writer, c, static (w, c) => w.WriteRawValue(c.Utf8.Span, skipInputValidation: true)));

    /// <summary>The invoke response that shows <paramref name="card"/> to the person whose client sent the invoke.</summary>
    public static OutgoingJson InvokeResponse(OutgoingJson card) => OutgoingJson.Write(card, static (writer, c) =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("statusCode", 200);
        writer.WriteString("type", AdaptiveCardType);
        writer.WritePropertyName("value");
        writer.WriteRawValue(c.Utf8.Span, skipInputValidation: true);
        writer.WriteEndObject();
    });

    public OutgoingJson InvokeCard(Reply reply, string? userId)
    {
        using var card = Card(reply, userId);
        return InvokeResponse(card);
    }

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

    private static IReadOnlyList<string> Ids(string? userId) => userId is null ? [] : [userId];

    private static void WriteMessage<T>(Utf8JsonWriter writer, T state, Action<Utf8JsonWriter, T> writeCard)
    {
        writer.WriteStartObject();
        writer.WriteString("type", ActivityTypes.Message);
        writer.WriteStartArray("attachments");
        writer.WriteStartObject();
        writer.WriteString("contentType", AdaptiveCardType);
        writer.WritePropertyName("content");
        writeCard(writer, state);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private void WriteCard(Utf8JsonWriter writer, Reply reply, IReadOnlyList<string> userIds)
    {
        Action<Utf8JsonWriter>? refresh = userIds.Count > 0 && Refresh(reply) is { } verb ? w => WriteRefresh(w, verb, reply, userIds) : null;
        if (!TeamsPeoplePicker.Applies(reply))
        {
            renderer.Write(writer, reply, CardFormat.Adaptive, refresh);
            return;
        }
        // The one card Teams changes inside its body (a rare form): built as a tree, then written.
        var card = renderer.Render(reply, CardFormat.Adaptive).AsObject();
        TeamsPeoplePicker.AddTo(card, reply);
        writer.WriteStartObject();
        foreach (var (name, value) in card)
        {
            writer.WritePropertyName(name);
            if (value is null) writer.WriteNullValue();
            else value.WriteTo(writer);
        }
        refresh?.Invoke(writer);
        writer.WriteEndObject();
    }

    /// <summary>Only views a verb re-reads get a refresh (see its declaration); a form or a decision must not be swapped under the user's hand.</summary>
    private static Verb? Refresh(Reply reply) => Verbs.RefreshFor(reply.View) is { Refreshes: not null } verb ? verb : null;

    private static void WriteRefresh(Utf8JsonWriter writer, Verb verb, Reply reply, IReadOnlyList<string> userIds)
    {
        writer.WriteStartObject("refresh");
        writer.WriteStartObject("action");
        writer.WriteString("type", "Action.Execute");
        writer.WriteString("verb", verb.Name);
        writer.WriteStartObject("data");
        foreach (var (key, value) in verb.Refreshes!.Data(reply.Model)) writer.WriteString(key, value);
        if (reply.Model is NumbersView { Notice: { } notice })
        {
            writer.WriteString(NoticeKey, notice.Text);
            writer.WriteString(NoticeStyleKey, notice.Style);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteStartArray("userIds");
        foreach (var id in userIds) writer.WriteStringValue(id);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
