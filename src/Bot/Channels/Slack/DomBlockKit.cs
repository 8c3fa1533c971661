using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// The JSON tree finishing that <see cref="BlockKit"/> replaced, kept for one commit so that a test can show both write the
/// same bytes for every template and sample. Turns an expanded cards/slack template into what Slack accepts: template-only "group" blocks (a repeat gives one
/// object, and an environment needs several blocks) are spliced in, button data objects become their JSON text,
/// empty leftovers of $when are dropped, mrkdwn is escaped, and texts are cut to Slack's lengths.
/// </summary>
public static class DomBlockKit
{
    private const int MaxMessageBlocks = BlockKit.MaxMessageBlocks;
    private const int MaxMessageCharacters = BlockKit.MaxMessageCharacters;
    private const int MaxValueLength = BlockKit.MaxValueLength;

    public static JsonObject Finish(JsonNode expanded)
    {
        var root = expanded as JsonObject ?? throw new InvalidOperationException("A Block Kit template must expand to a JSON object.");
        if (root["blocks"] is JsonArray blocks) root["blocks"] = Splice(blocks);
        if (root["text"] is JsonValue text) root["text"] = Escape(text.GetValue<string>());
        Clean(root);
        return root;
    }

    public static JsonArray Blocks(JsonObject message) => message["blocks"] as JsonArray ?? [];

    /// <summary>
    /// The characters Slack's limit is about, counted generously: every string in the blocks (texts, but also type
    /// names, action ids and button values), where Slack counts the texts.
    /// </summary>
    public static int Characters(JsonObject message) => Strings(Blocks(message));

    private static int Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.Sum(p => Strings(p.Value)),
        JsonArray a => a.Sum(Strings),
        JsonValue v when v.TryGetValue<string>(out var text) => text.Length,
        _ => 0,
    };

    public static bool FitsMessage(JsonObject message) =>
        Blocks(message).Count <= MaxMessageBlocks && Characters(message) <= MaxMessageCharacters;

    /// <summary>The last resort for a view that has no smaller form: drop blocks from the end and say so.</summary>
    public static JsonObject Truncate(JsonObject message)
    {
        var blocks = Blocks(message);
        var note = new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(new JsonObject { ["type"] = "plain_text", ["text"] = "Only the start of this fits in one Slack message." }),
        };
        while (blocks.Count > 0 && (blocks.Count + 1 > MaxMessageBlocks || Characters(message) + Strings(note) > MaxMessageCharacters))
            blocks.RemoveAt(blocks.Count - 1);
        blocks.Add(note);
        return message;
    }

    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static JsonArray Splice(JsonArray blocks)
    {
        var result = new JsonArray();
        SpliceInto(blocks, result);
        return result;
    }

    private static void SpliceInto(JsonArray blocks, JsonArray result)
    {
        foreach (var block in blocks.ToList())
        {
            blocks.Remove(block);
            if (block is not JsonObject o) continue;
            if (Type(o) == "group")
            {
                if (o["blocks"] is JsonArray inner) SpliceInto(inner, result);
                continue;
            }
            Clean(o);
            if (Keeps(o)) result.Add(o);
        }
    }

    private static void Clean(JsonObject o)
    {
        foreach (var key in o.Select(p => p.Key).ToList())
        {
            switch (o[key])
            {
                case null:
                    o.Remove(key);
                    break;
                case JsonObject data when key == "value":
                    var json = data.ToJsonString(CardRenderer.Json);
                    o[key] = json.Length <= MaxValueLength ? json : throw new InvalidOperationException($"A button value is {json.Length} characters; Slack takes {MaxValueLength}.");
                    break;
                case JsonObject child when key != "blocks":
                    Clean(child);
                    break;
                case JsonArray array when key != "blocks":
                    foreach (var item in array.OfType<JsonObject>()) Clean(item);
                    if (array.Count == 0 && key == "fields") o.Remove(key);
                    break;
            }
        }
        if (Type(o) == "mrkdwn" && o["text"] is JsonValue text) o["text"] = Escape(text.GetValue<string>());
        Limit(o);
    }

    private static void Limit(JsonObject o)
    {
        switch (Type(o))
        {
            case "header":
                Clamp(o["text"], 150);
                break;
            case "section":
                Clamp(o["text"], 3000);
                foreach (var field in o["fields"] as JsonArray ?? []) Clamp(field, 2000);
                break;
            case "context":
                foreach (var element in o["elements"] as JsonArray ?? []) Clamp(element, 2000);
                break;
            case "button":
                Clamp(o["text"], 75);
                break;
            case "modal":
                foreach (var key in new[] { "title", "submit", "close" }) Clamp(o[key], 24);
                break;
        }
        if (o["confirm"] is JsonObject confirm)
        {
            Clamp(confirm["title"], 100);
            Clamp(confirm["text"], 300);
            Clamp(confirm["confirm"], 30);
            Clamp(confirm["deny"], 30);
        }
        foreach (var option in (o["options"] as JsonArray ?? []).OfType<JsonObject>()) Clamp(option["text"], 75);
    }

    /// <summary>Cuts a text object's text to <paramref name="max"/>, never inside an escaped character.</summary>
    private static void Clamp(JsonNode? textObject, int max)
    {
        if (textObject is not JsonObject o || o["text"] is not JsonValue value || value.GetValue<string>() is not { } text || text.Length <= max) return;
        var cut = text[..(max - 1)];
        var amp = cut.LastIndexOf('&');
        if (amp >= 0 && cut.IndexOf(';', amp) < 0) cut = cut[..amp];
        o["text"] = cut + "…";
    }

    private static bool Keeps(JsonObject block) => Type(block) switch
    {
        "actions" or "context" => block["elements"] is JsonArray { Count: > 0 },
        "section" => block["text"] is not null || block["fields"] is JsonArray { Count: > 0 },
        _ => true,
    };

    private static string? Type(JsonObject o) => o["type"] is JsonValue v && v.TryGetValue<string>(out var type) ? type : null;
}
