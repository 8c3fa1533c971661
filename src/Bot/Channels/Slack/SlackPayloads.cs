using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>A signed request NumbersBot cannot read; the message goes back as a plain 400.</summary>
public sealed class SlackRequestException(string message) : Exception(message);

/// <summary>Reads Slack's bodies strictly (form fields, the JSON inside them), so a malformed one gets a sentence, never a 500.</summary>
public static class SlackPayloads
{
    public static Dictionary<string, string> Form(byte[] body)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            throw new SlackRequestException("The body is not UTF-8 text.");
        }
        return QueryHelpers.ParseQuery(text).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    public static JsonObject Object(string json, string what) => Object(Encoding.UTF8.GetBytes(json), what);

    /// <summary>
    /// The body as a JSON object whose every string is valid text, checked once here: a lone UTF-16 surrogate would
    /// otherwise throw InvalidOperationException wherever the string is first read.
    /// </summary>
    public static JsonObject Object(byte[] body, string what)
    {
        try
        {
            using (var document = JsonDocument.Parse(body))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object) throw new SlackRequestException($"{what} must be a JSON object.");
                if (!JsonText.IsValid(document.RootElement)) throw new SlackRequestException($"{what} holds text that is not valid Unicode.");
            }
            return (JsonObject)JsonNode.Parse(body)!;
        }
        catch (JsonException)
        {
            throw new SlackRequestException($"{what} is not valid JSON.");
        }
    }

    public static string Required(IReadOnlyDictionary<string, string> form, string field) =>
        form.TryGetValue(field, out var value) && value.Length > 0 ? value : throw new SlackRequestException($"The form has no '{field}'.");

    public static string? Optional(IReadOnlyDictionary<string, string> form, string field) =>
        form.TryGetValue(field, out var value) && value.Length > 0 ? value : null;

    /// <summary>A string at a dotted path ("user.id"); null when any step is missing or null.</summary>
    public static string? Optional(JsonNode? node, string path)
    {
        foreach (var step in path.Split('.'))
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(step, out node)) return null;
        }
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
    }

    /// <summary>
    /// Where an interaction's answers go: an absolute http(s) URL of a sensible length (Slack's are about 100 characters),
    /// else null, so a mangled one never reaches a modal's private_metadata or an HTTP client.
    /// </summary>
    public static string? ResponseUrl(JsonNode? payload) =>
        Optional(payload, "response_url") is { Length: <= 1000 } text && Uri.TryCreate(text, UriKind.Absolute, out var url)
        && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? text : null;

    public static string Required(JsonNode? node, string path) =>
        Optional(node, path) is { Length: > 0 } value ? value : throw new SlackRequestException($"The payload has no '{path}'.");

    public static JsonObject? OptionalObject(JsonNode? node, string path)
    {
        foreach (var step in path.Split('.'))
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(step, out node)) return null;
        }
        return node as JsonObject;
    }

    /// <summary>
    /// A button's value: the JSON object of its data, flattened to the router's strings (templates bind some values,
    /// such as a version, as numbers). Nested values have no meaning here and are refused.
    /// </summary>
    public static Dictionary<string, string?> Data(string? value)
    {
        var data = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(value)) return data;
        foreach (var (key, item) in Object(value, "The button's value"))
            data[key] = item switch
            {
                null => null,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
                _ => throw new SlackRequestException($"The button's value has a nested '{key}'."),
            };
        return data;
    }
}
