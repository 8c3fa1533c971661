using System.Text.Json;
using System.Text.Json.Nodes;

namespace NumbersBot.Bot.Tests.Cards;

/// <summary>JSON equality as JavaScript sees it (numbers by value, keys in any order), failing with the first difference.</summary>
internal static class JsonAssert
{
    public static void Equivalent(JsonNode? expected, JsonNode? actual, string because = "")
    {
        if (FirstDifference(expected, actual, "$") is { } difference)
            Assert.Fail($"{because}{(because.Length > 0 ? ": " : "")}{difference}\nexpected: {Short(expected)}\nactual:   {Short(actual)}");
    }

    public static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (!a.TryGetPropertyValue(key, out var other)) return $"{path}.{key} is missing";
                    if (FirstDifference(value, other, $"{path}.{key}") is { } difference) return difference;
                }
                return a.Select(p => p.Key).FirstOrDefault(key => !e.ContainsKey(key)) is { } extra ? $"{path}.{extra} is unexpected" : null;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                    if (FirstDifference(e[i], a[i], $"{path}[{i}]") is { } difference) return difference;
                return e.Count == a.Count ? null : $"{path} has {a.Count} items instead of {e.Count}";
            case (JsonValue e, JsonValue a) when e.GetValueKind() == a.GetValueKind():
                var same = e.GetValueKind() switch
                {
                    JsonValueKind.Number => Number(e) == Number(a),
                    JsonValueKind.String => e.GetValue<string>() == a.GetValue<string>(),
                    _ => true, // true, false and null are their kind
                };
                return same ? null : $"{path} is {Short(a)} instead of {Short(e)}";
            default:
                return $"{path} is {Short(actual)} instead of {Short(expected)}";
        }
    }

    private static double Number(JsonValue value) => double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
        return text.Length <= 300 ? text : text[..300] + "…";
    }
}
