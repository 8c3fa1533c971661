using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NumbersBot.Bot.Cards.Templating;

/// <summary>
/// A compiled piece of a template that writes its expansion straight to a <see cref="Utf8JsonWriter"/>. Where it sits
/// decides what an expansion means, as in the official engine: as a property's value, undefined leaves the property
/// out; as an array's items, null is dropped, undefined is written as null and arrays are spliced in.
/// </summary>
internal abstract class TemplateNode
{
    public abstract void WriteProperty(Utf8JsonWriter writer, JsonEncodedText name, in Scope scope);

    public abstract void WriteItems(Utf8JsonWriter writer, in Scope scope);

    /// <summary>The whole card; fails when it expands to nothing (null or undefined).</summary>
    public abstract void WriteRoot(Utf8JsonWriter writer, in Scope scope);

    // Output JSON is read by card renderers, never inlined into HTML: "+44" and "–" stay readable.
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static TemplateNode Compile(JsonNode? node, string where) => node switch
    {
        _ when IsLiteral(node) => new LiteralNode(node),
        JsonObject o => ObjectNode.Compile(o, where),
        JsonArray a => new ArrayNode([.. a.Select((item, i) => Compile(item, $"{where}[{i}]"))]),
        _ => new StringNode(TemplateString.Parse(node!.GetValue<string>(), where)),
    };

    /// <summary>JSON that expands to itself: no binding, no template keys, and no null or array inside an array.</summary>
    private static bool IsLiteral(JsonNode? node) => node switch
    {
        null => true,
        JsonObject o => o.All(p => !ObjectNode.Reserved.Contains(p.Key) && IsLiteral(p.Value)),
        JsonArray a => a.All(item => item is not (null or JsonArray) && IsLiteral(item)),
        _ => node.GetValueKind() != JsonValueKind.String || !TemplateString.IsTemplated(node.GetValue<string>()),
    };

    protected static void ExpandedToNothing() =>
        throw new TemplateException("the template expanded to nothing (its root was dropped by $when or bound to empty data)");
}

/// <summary>JSON without bindings, encoded once when compiled and copied as it is.</summary>
internal sealed class LiteralNode : TemplateNode
{
    private readonly byte[]? _json;
    private readonly byte[][] _items; // an array's own items, spliced when the array is an item of another

    public LiteralNode(JsonNode? value)
    {
        _json = value is null ? null : Encode(value);
        _items = value is JsonArray array ? [.. array.Select(item => Encode(item!))] : _json is null ? [] : [_json];
    }

    private static byte[] Encode(JsonNode value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) value.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }

    public override void WriteProperty(Utf8JsonWriter writer, JsonEncodedText name, in Scope scope)
    {
        writer.WritePropertyName(name);
        WriteValue(writer);
    }

    public override void WriteItems(Utf8JsonWriter writer, in Scope scope)
    {
        foreach (var item in _items) writer.WriteRawValue(item, skipInputValidation: true);
    }

    public override void WriteRoot(Utf8JsonWriter writer, in Scope scope)
    {
        if (_json is null) ExpandedToNothing();
        WriteValue(writer);
    }

    private void WriteValue(Utf8JsonWriter writer)
    {
        if (_json is null) writer.WriteNullValue();
        else writer.WriteRawValue(_json, skipInputValidation: true);
    }
}

/// <summary>A string holding bindings: text, or one binding that keeps its value's JSON type.</summary>
internal sealed class StringNode(TemplateString template) : TemplateNode
{
    public override void WriteProperty(Utf8JsonWriter writer, JsonEncodedText name, in Scope scope)
    {
        if (template.IsText)
        {
            writer.WritePropertyName(name);
            template.WriteText(writer, scope);
            return;
        }
        var value = template.Evaluate(scope);
        if (value.IsUndefined) return;
        writer.WritePropertyName(name);
        value.WriteTo(writer);
    }

    public override void WriteItems(Utf8JsonWriter writer, in Scope scope)
    {
        if (template.IsText)
        {
            template.WriteText(writer, scope);
            return;
        }
        var value = template.Evaluate(scope);
        switch (value.Kind)
        {
            case ValueKind.Null:
                break;
            case ValueKind.Array:
                for (var i = 0; i < value.Count; i++) value.Item(i).WriteTo(writer);
                break;
            default:
                value.WriteTo(writer); // JSON.stringify writes an undefined item as null
                break;
        }
    }

    public override void WriteRoot(Utf8JsonWriter writer, in Scope scope)
    {
        if (template.IsText)
        {
            template.WriteText(writer, scope);
            return;
        }
        var value = template.Evaluate(scope);
        if (value.IsNullish) ExpandedToNothing();
        value.WriteTo(writer);
    }
}

internal sealed class ArrayNode(TemplateNode[] items) : TemplateNode
{
    public override void WriteProperty(Utf8JsonWriter writer, JsonEncodedText name, in Scope scope)
    {
        writer.WritePropertyName(name);
        WriteRoot(writer, scope);
    }

    /// <summary>An array inside an array is spliced into it.</summary>
    public override void WriteItems(Utf8JsonWriter writer, in Scope scope)
    {
        foreach (var item in items) item.WriteItems(writer, scope);
    }

    public override void WriteRoot(Utf8JsonWriter writer, in Scope scope)
    {
        writer.WriteStartArray();
        WriteItems(writer, scope);
        writer.WriteEndArray();
    }
}
