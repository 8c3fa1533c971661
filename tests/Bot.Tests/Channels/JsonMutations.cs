using System.Text;
using System.Text.Json.Nodes;

namespace NumbersBot.Bot.Tests.Channels;

/// <summary>
/// Mangles a well-formed JSON body the way a broken client or a hostile one might: fields dropped, nulled, given another
/// type, arrays holding nulls, strings holding a lone UTF-16 surrogate, bodies cut short. Seeded, so every run and
/// every failure repeats exactly.
/// </summary>
public sealed class JsonMutations(int seed)
{
    public const string LoneSurrogate = "\"\\ud800\"";

    private readonly Random _random = new(seed);

    /// <summary>One mutation of <paramref name="original"/> (left untouched), as the bytes to send.</summary>
    public string Mutate(JsonObject original)
    {
        var copy = (JsonObject)original.DeepClone();
        var kind = _random.Next(10);
        if (kind == 9) return Cut(copy.ToJsonString());
        var times = 1 + _random.Next(3);
        for (var i = 0; i < times; i++) MutateOne(copy);
        // A lone surrogate cannot live in a .NET string: it is written into the JSON text instead.
        return _random.Next(6) == 0 ? WithLoneSurrogate(copy.ToJsonString()) : copy.ToJsonString();
    }

    private void MutateOne(JsonObject root)
    {
        var places = Places(root).ToList();
        if (places.Count == 0) return;
        var (parent, key) = places[_random.Next(places.Count)];
        var replacement = _random.Next(9) switch
        {
            0 => (JsonNode?)null,
            1 => JsonValue.Create(_random.Next(-5, 100_000)),
            2 => JsonValue.Create(_random.Next(2) == 0),
            3 => new JsonArray(null, JsonValue.Create("x"), new JsonObject()),
            4 => new JsonObject { ["unexpected"] = null },
            5 => JsonValue.Create(""),
            6 => JsonValue.Create(new string('é', _random.Next(1, 3000))),
            7 => JsonValue.Create("<at>x</at>&amp;\u0000\u200b" + _random.Next()),
            _ => new JsonArray(null, null),
        };
        if (parent is JsonObject o)
        {
            if (_random.Next(4) == 0) o.Remove((string)key);
            else o[(string)key] = replacement;
        }
        else if (parent is JsonArray a)
        {
            a[(int)key] = replacement;
        }
    }

    private static IEnumerable<(JsonNode Parent, object Key)> Places(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    yield return (o, key);
                    if (value is not null) foreach (var inner in Places(value)) yield return inner;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, i);
                    if (a[i] is { } item) foreach (var inner in Places(item)) yield return inner;
                }
                break;
        }
    }

    private string WithLoneSurrogate(string json)
    {
        // Replace one string value's text (after a colon) with the lone surrogate.
        var starts = Enumerable.Range(0, json.Length - 1).Where(i => json[i] == ':' && json[i + 1] == '"').ToList();
        if (starts.Count == 0) return json;
        var start = starts[_random.Next(starts.Count)] + 1;
        var end = json.IndexOf('"', start + 1);
        while (end > 0 && json[end - 1] == '\\') end = json.IndexOf('"', end + 1);
        return end < 0 ? json : string.Concat(json.AsSpan(0, start), LoneSurrogate, json.AsSpan(end + 1));
    }

    private string Cut(string json) => json[..Math.Max(1, _random.Next(json.Length))];

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
