using System.Text.Json;

namespace NumbersBot.Bot.Channels.Local;

/// <summary>A request the local chat cannot pass on; the message goes back as plain text with the status (400 unless said).</summary>
public sealed class LocalRequestException(string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    public int Status => status;
}

/// <summary>Reads the local chat's JSON bodies strictly, so a malformed request gets a sentence, never a 500.</summary>
public static class LocalRequests
{
    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        // A JSON content type makes browsers ask first (CORS preflight), so another site cannot post here unseen.
        if (!request.HasJsonContentType())
            throw new LocalRequestException("Send the body as JSON, with Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType);
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, ct);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new LocalRequestException($"The body must be a JSON object, not {Describe(document.RootElement.ValueKind)}.");
        }
        catch (JsonException invalid)
        {
            throw new LocalRequestException($"The body is not valid JSON: {invalid.Message}");
        }
    }

    public static string RequiredString(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
            ? throw new LocalRequestException($"The body has no \"{name}\".")
            : value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new LocalRequestException($"\"{name}\" must be a string, not {Describe(value.ValueKind)}.");

    /// <summary>A string the page may leave out (null when absent or null).</summary>
    public static string? OptionalString(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? RequiredString(body, name) : null;

    /// <summary>
    /// Button data merged with form inputs, as the router takes it: strings, with numbers and booleans written out
    /// (templates bind values such as a version as numbers). Nested values have no meaning here and are refused.
    /// </summary>
    public static Dictionary<string, string?> FlatData(JsonElement body, string name)
    {
        var data = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return data;
        if (value.ValueKind != JsonValueKind.Object)
            throw new LocalRequestException($"\"{name}\" must be a JSON object, not {Describe(value.ValueKind)}.");
        foreach (var property in value.EnumerateObject())
            data[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null => null,
                var kind => throw new LocalRequestException(
                    $"\"{name}.{property.Name}\" is {Describe(kind)}; each value must be a string, a number, true, false or null."),
            };
        return data;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };
}
