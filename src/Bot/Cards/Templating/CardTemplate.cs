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
using System.Text.Json.Nodes;

namespace NumbersBot.Bot.Cards.Templating;

/// <summary>A parsed template: parse once, expand with many data objects (thread-safe).</summary>
public sealed class CardTemplate
{
    private readonly TemplateNode _root;

    private CardTemplate(TemplateNode root) => _root = root;

    public static CardTemplate Parse(string json) => Parse(JsonNode.Parse(json) ?? throw new TemplateException("the template is null"));

    public static CardTemplate Parse(JsonNode template) => new(TemplateNode.Parse(template, "$"));

    public static JsonNode Expand(JsonNode template, JsonNode? data) => Parse(template).Expand(data);

    public JsonNode Expand(JsonNode? data)
    {
        var root = TemplateValue.From(data);
        var expansion = _root.Expand(new Scope(root, root, null));
        return expansion.Node ?? throw new TemplateException("the template expanded to nothing (its root was dropped by $when or bound to empty data)");
    }
}
