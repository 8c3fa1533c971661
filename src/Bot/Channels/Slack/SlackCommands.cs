using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// /numbers [project | approvals | history &lt;number&gt; | help], answered in the acknowledgement itself. The answer is
/// ephemeral: a numbers message is the asker's own view (their access decides its buttons).
/// </summary>
public static class SlackCommands
{
    public static async Task<IResult> HandleAsync(
        HttpContext http, SlackPeople people, SlackConversation conversation, SlackMessages messages, CancellationToken ct)
    {
        var form = SlackPayloads.Form(SlackVerification.Body(http));
        var actor = await people.ActorAsync(
            SlackPayloads.Optional(form, "team_id"), SlackPayloads.Optional(form, "user_id"), SlackPayloads.Optional(form, "user_name"), ct);
        var (verb, data) = Parse(SlackPayloads.Optional(form, "text"));
        var request = new ConversationRequest(actor, verb, data);

        var reply = await conversation.AnswerAsync(request, ct);
        var message = messages.Message(reply, request.Optional(Keys.Environment));
        message["response_type"] = "ephemeral";
        return Results.Text(message.ToJsonString(CardRenderer.Json), "application/json; charset=utf-8");
    }

    /// <summary>The text after /numbers: empty shows the numbers; a word the commands do not know is a project.</summary>
    public static (string Verb, Dictionary<string, string?> Data) Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return TextCommands.Parse("numbers");
        var parsed = TextCommands.Parse(trimmed);
        return parsed.Verb == Verbs.Help && parsed.Data.ContainsKey("unknown") ? TextCommands.Parse($"numbers {trimmed}") : parsed;
    }
}
