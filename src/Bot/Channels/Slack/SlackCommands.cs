using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// /numbers [project | approvals | history &lt;number&gt; | help], answered in the acknowledgement itself. The answer is
/// ephemeral: a numbers message is the asker's own view (their access decides its buttons).
/// </summary>
public static class SlackCommands
{
    public static async Task<IResult> HandleAsync(
        HttpContext http, SlackPeople people, TurnPipeline pipeline, SlackMessages messages, CancellationToken ct)
    {
        var form = SlackVerification.Body(http).Form;
        var actor = await people.ActorAsync(
            SlackPayloads.Optional(form, "team_id"), SlackPayloads.Optional(form, "user_id"), SlackPayloads.Optional(form, "user_name"), ct);
        var (verb, data) = Parse(SlackPayloads.Optional(form, "text"));
        var request = new ConversationRequest(actor, verb, data)
        {
            Conversation = SlackPayloads.Optional(form, "channel_id") ?? "",
            TimeZone = people.TimeZoneOf(actor),
        };

        // Slack does not redeliver slash commands; the answer is the acknowledgement itself.
        var surface = new AcknowledgementSurface(messages, request.Optional(Keys.Environment));
        await pipeline.HandleAsync(new Turn(TurnKind.Typed, SlackChannel.Name, null, request), surface, ct);
        return surface.Message!; // written once as bytes, sent as they are (disposed after the response)
    }

    /// <summary>Whatever the turn shows becomes the ephemeral answer in the HTTP response.</summary>
    private sealed class AcknowledgementSurface(SlackMessages messages, string? focusEnvironment) : IReplySurface
    {
        public OutgoingJson? Message { get; private set; }

        public Task<ReplyAddress?> ReplaceAsync(Reply reply, CancellationToken ct) => PostAsync(reply, ct);

        public Task<ReplyAddress?> PostAsync(Reply reply, CancellationToken ct)
        {
            Message?.Dispose(); // a turn that shows twice answers with the last
            Message = messages.Message(reply, focusEnvironment, static w => w.WriteString("response_type", "ephemeral"));
            return Task.FromResult<ReplyAddress?>(null);
        }
    }

    /// <summary>The text after /numbers: empty shows the numbers; a word the commands do not know is a project.</summary>
    public static (string Verb, Dictionary<string, string?> Data) Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return TextCommands.Parse("numbers");
        var parsed = TextCommands.Parse(trimmed);
        return parsed.Verb == Verbs.Help && parsed.Data.ContainsKey(TextCommands.UnknownKey) ? TextCommands.Parse($"numbers {trimmed}") : parsed;
    }
}
