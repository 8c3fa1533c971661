using System.Runtime.InteropServices;
using System.Text.Json;

namespace NumbersBot.Bot.Channels;

/// <summary>
/// Checks a parsed JSON document once for strings .NET cannot hold (a lone UTF-16 surrogate such as "\ud800"), so the
/// readers after it never meet one: reading such a string throws InvalidOperationException, not a JsonException.
/// </summary>
public static class JsonText
{
    /// <summary>True when every property name and string value in <paramref name="element"/> is valid text.</summary>
    public static bool IsValid(JsonElement element, int depth = 0)
    {
        if (depth > 64) return false;
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    if (IsEscaped(JsonMarshal.GetRawUtf8Value(element))) element.GetString();
                    return true;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        if (IsEscaped(JsonMarshal.GetRawUtf8PropertyName(property))) _ = property.Name;
                        if (!IsValid(property.Value, depth + 1)) return false;
                    }
                    return true;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                        if (!IsValid(item, depth + 1)) return false;
                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // The parser has already checked the UTF-8 itself; only a \u escape can spell a lone surrogate, so only text with a
    // backslash is decoded (the rest is never turned into a string here).
    private static bool IsEscaped(ReadOnlySpan<byte> raw) => raw.Contains((byte)'\\');

    /// <summary>The string at <paramref name="name"/>; null when missing, null or not a string.</summary>
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    /// <summary>The object at <paramref name="name"/>, or null when missing or anything else.</summary>
    public static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value : null;

    /// <summary>The objects in the array at <paramref name="name"/>; anything else in it is skipped.</summary>
    public static IEnumerable<JsonElement> Objects(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object) : [];
}
