using System.Text.Json;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>An activity read from a request body, or the sentence saying why it could not be.</summary>
public sealed record ActivityRead(Activity? Activity, string? Problem);

/// <summary>
/// Reads an activity field by field: a field that is missing, null or of another type is absent, never an exception,
/// so authentic but mangled activities are answered (2xx or 4xx) rather than crashing the endpoint.
/// </summary>
public static class ActivityReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static ActivityRead Read(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException)
        {
            return new(null, "The body is not a Bot Framework activity (a JSON object).");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new(null, "The body is not a Bot Framework activity (a JSON object).");
            if (!JsonText.IsValid(root)) return new(null, "The activity holds text that is not valid Unicode.");
            return new(From(root), null);
        }
    }

    private static Activity From(JsonElement root) => new()
    {
        Type = JsonText.String(root, "type"),
        Id = JsonText.String(root, "id"),
        Name = JsonText.String(root, "name"),
        ChannelId = JsonText.String(root, "channelId"),
        ServiceUrl = JsonText.String(root, "serviceUrl"),
        Text = JsonText.String(root, "text"),
        ReplyToId = JsonText.String(root, "replyToId"),
        Action = JsonText.String(root, "action"),
        LocalTimezone = JsonText.String(root, "localTimezone"),
        From = Account(JsonText.Object(root, "from")),
        Recipient = Account(JsonText.Object(root, "recipient")),
        Conversation = JsonText.Object(root, "conversation") is { } conversation
            ? new ConversationAccount(JsonText.String(conversation, "id"), JsonText.String(conversation, "conversationType"),
                JsonText.String(conversation, "tenantId"),
                conversation.TryGetProperty("isGroup", out var isGroup) && isGroup.ValueKind is JsonValueKind.True or JsonValueKind.False ? isGroup.GetBoolean() : null)
            : null,
        // Cloned: the value outlives the document it was read from.
        Value = root.TryGetProperty("value", out var value) && value.ValueKind != JsonValueKind.Null ? value.Clone() : null,
        ChannelData = JsonText.Object(root, "channelData") is { } channelData
            ? new TeamsChannelData(JsonText.Object(channelData, "tenant") is { } tenant ? new TenantInfo(JsonText.String(tenant, "id")) : null)
            : null,
        MembersAdded = [.. JsonText.Objects(root, "membersAdded").Select(m => Account(m)!)],
        Entities = [.. JsonText.Objects(root, "entities").Select(e => new Entity(JsonText.String(e, "type"), Account(JsonText.Object(e, "mentioned")),
            JsonText.String(e, "text")))],
    };

    private static ChannelAccount? Account(JsonElement? account) => account is { } a
        ? new ChannelAccount(JsonText.String(a, "id"), JsonText.String(a, "name"), JsonText.String(a, "aadObjectId"))
        : null;
}
