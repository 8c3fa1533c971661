// An Adaptive Cards Templating engine for the subset NumbersBot's templates use, giving exactly what the official
// JavaScript engine (npm adaptivecards-templating 2.3.1 with adaptive-expressions 4.23.3) gives; tests/js checks it.
//
// Supported:
//   ${expr} in string values. A string that is exactly one ${expr} keeps the value's JSON type; anything else is
//     text (a lone constant such as ${3} or ${true} is text too, as officially). \${ and \` are escapes.
//   Paths: name, a.b.c, a[0], a['key'], a[expr], $root, $data, $index; names match case-insensitively.
//   Literals: 'text' and "text", numbers, true, false, null.
//   Operators: ! == != < <= > >= && || and parentheses, with AEL's precedence (== binds tighter than <).
//   Functions: if(c, a, b), count(x), length(s), empty(x), not(x), concat(a, ...), string(x).
//   $data: rebinds; an array repeats the object once per item with $index; $when: only true keeps the object.
//   $root, $index, $host and $_acTemplateVersion keys are dropped; property names are never templated.
// Official behaviour kept: a missing value becomes the text "${path}" (inside text and as a whole value) except
//   under !, &&, ||, comparisons, empty() and if()'s condition, where it is undefined; null or undefined inside text
//   fails; a value of undefined drops its property; null items are dropped from arrays and nested arrays spliced.
// Refused with a TemplateException instead (the official engine would guess or print nonsense): unknown functions,
//   operators and syntax, a malformed ${, a $when that is not one expression, arrays or objects put into text, and a
//   template that expands to nothing.
using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NumbersBot.Bot.Cards.Templating;

/// <summary>
/// A template compiled once into a tree that writes its expansion straight to a <see cref="Utf8JsonWriter"/>: literal
/// JSON pre-encoded, data read from the view model in place (thread-safe; many expansions at once).
/// </summary>
public sealed class CardTemplate
{
    private readonly TemplateNode _root;

    private CardTemplate(TemplateNode root) => _root = root;

    public static CardTemplate Parse(string json) => Parse(JsonNode.Parse(json) ?? throw new TemplateException("the template is null"));

    public static CardTemplate Parse(JsonNode template) => new(TemplateNode.Compile(template, "$"));

    public static JsonNode Expand(JsonNode template, JsonNode? data) => Parse(template).Expand(data);

    /// <summary>
    /// Writes the expansion for <paramref name="model"/>, read as <paramref name="options"/> would serialize it.
    /// <paramref name="extras"/> writes properties at the end of the root object (a template whose root is an object).
    /// </summary>
    public void Write(Utf8JsonWriter writer, object model, JsonSerializerOptions options, Action<Utf8JsonWriter>? extras = null) =>
        Write(writer, ModelShapes.For(options).Value(model), extras);

    /// <summary>The expansion for JSON data, as a new JSON tree (tests and checks; the bot writes bytes).</summary>
    public JsonNode Expand(JsonNode? data)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, TemplateNode.WriterOptions)) Write(writer, TemplateValue.From(data), null);
        return JsonNode.Parse(buffer.WrittenSpan)!;
    }

    internal void Write(Utf8JsonWriter writer, TemplateValue root, Action<Utf8JsonWriter>? extras)
    {
        var scope = new Scope(root, root, null);
        if (extras is null) _root.WriteRoot(writer, scope);
        else if (_root is ObjectNode o) o.WriteRoot(writer, scope, extras);
        else throw new InvalidOperationException("Only a template whose root is an object takes extra properties.");
    }
}
