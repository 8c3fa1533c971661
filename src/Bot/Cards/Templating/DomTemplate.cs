using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NumbersBot.Bot.Cards.Templating;

/// <summary>The engine before compiled templates: JSON DOM in and out. Kept only to compare the compiled engine with.</summary>
internal sealed class DomTemplate
{
    private readonly DomNode _root;

    private DomTemplate(DomNode root) => _root = root;

    public static DomTemplate Parse(string json) => Parse(JsonNode.Parse(json) ?? throw new TemplateException("the template is null"));

    public static DomTemplate Parse(JsonNode template) => new(DomNode.Parse(template, "$"));

    public static JsonNode Expand(JsonNode template, JsonNode? data) => Parse(template).Expand(data);

    public JsonNode Expand(JsonNode? data)
    {
        var root = TemplateValue.From(data);
        var expansion = _root.Expand(new Scope(root, root, null));
        return expansion.Node ?? throw new TemplateException("the template expanded to nothing (its root was dropped by $when or bound to empty data)");
    }

    public static JsonNode? ToNode(TemplateValue value)
    {
        if (value.IsNullish) return null;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) value.WriteTo(writer);
        return JsonNode.Parse(buffer.WrittenSpan);
    }
}
