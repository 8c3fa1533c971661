using System.Text.Json;
using System.Text.Json.Nodes;

namespace NumbersBot.Bot.Cards.Templating;

/// <summary>
/// An object with bindings, its own $data (rebinding, or one copy per array item) and $when. Repeated, it is one
/// object, null or an array as a property; each kept copy as array items.
/// </summary>
internal sealed class ObjectNode : TemplateNode
{
    // The official engine never copies these keys to the output.
    public static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion" };

    private readonly (JsonEncodedText Name, TemplateNode Value)[] _properties;
    private readonly TemplateString? _data;
    private readonly TemplateValue? _literalData;
    private readonly TemplateString? _when;

    private ObjectNode((JsonEncodedText, TemplateNode)[] properties, TemplateString? data, TemplateValue? literalData, TemplateString? when)
    {
        _properties = properties;
        _data = data;
        _literalData = literalData;
        _when = when;
    }

    public static ObjectNode Compile(JsonObject node, string where)
    {
        TemplateString? data = null, when = null;
        TemplateValue? literalData = null;
        if (node.TryGetPropertyValue("$data", out var dataNode))
        {
            if (dataNode is JsonValue v && v.GetValueKind() == JsonValueKind.String && TemplateString.IsTemplated(v.GetValue<string>()))
                data = TemplateString.Parse(v.GetValue<string>(), where + ".$data");
            else if (dataNode?.ToJsonString().Contains("${", StringComparison.Ordinal) == true)
                throw new TemplateException($"{where}.$data: bindings inside inline $data are not supported");
            else
                literalData = TemplateValue.From(dataNode?.DeepClone()); // our own copy: the caller's template may change or be shared
        }
        if (node.TryGetPropertyValue("$when", out var whenNode))
        {
            // Officially a $when that is not one expression silently drops the element (or keeps it, for false).
            if (whenNode is not JsonValue w || w.GetValueKind() != JsonValueKind.String || !TemplateString.IsTemplated(w.GetValue<string>()))
                throw new TemplateException($"{where}.$when: must be one ${{...}} expression, not {whenNode?.ToJsonString() ?? "null"}");
            when = TemplateString.Parse(w.GetValue<string>(), where + ".$when");
            if (when.Single is null)
                throw new TemplateException($"{where}.$when: \"{when.Source}\" must be exactly one ${{...}} expression");
        }
        var properties = node.Where(p => !Reserved.Contains(p.Key))
            .Select(p => (JsonEncodedText.Encode(p.Key, WriterOptions.Encoder), Compile(p.Value, $"{where}.{p.Key}")))
            .ToArray();
        return new ObjectNode(properties, data, literalData, when);
    }

    public override void WriteProperty(Utf8JsonWriter writer, JsonEncodedText name, in Scope scope)
    {
        writer.WritePropertyName(name);
        WriteAlone(writer, scope, extras: null, orNull: true);
    }

    public override void WriteItems(Utf8JsonWriter writer, in Scope scope)
    {
        var data = Data(scope);
        if (data.Kind != ValueKind.Array)
        {
            var bound = Bind(scope, data);
            if (Keeps(bound)) WriteObject(writer, bound, null);
            return;
        }
        for (var i = 0; i < data.Count; i++)
        {
            var item = scope.WithData(data.Item(i), i);
            if (Keeps(item)) WriteObject(writer, item, null);
        }
    }

    public override void WriteRoot(Utf8JsonWriter writer, in Scope scope) => WriteAlone(writer, scope, extras: null, orNull: false);

    /// <summary><paramref name="extras"/> writes what a channel adds at the end of the card (Teams' refresh).</summary>
    public void WriteRoot(Utf8JsonWriter writer, in Scope scope, Action<Utf8JsonWriter>? extras) => WriteAlone(writer, scope, extras, orNull: false);

    /// <summary>Not inside an array: no copy is null, one copy is the object itself, several are an array.</summary>
    private void WriteAlone(Utf8JsonWriter writer, in Scope scope, Action<Utf8JsonWriter>? extras, bool orNull)
    {
        var data = Data(scope);
        if (data.Kind != ValueKind.Array)
        {
            var bound = Bind(scope, data);
            if (Keeps(bound)) WriteObject(writer, bound, extras);
            else if (orNull) writer.WriteNullValue();
            else ExpandedToNothing();
            return;
        }

        int first = -1, kept = 0;
        for (var i = 0; i < data.Count && kept < 2; i++)
        {
            if (!Keeps(scope.WithData(data.Item(i), i))) continue;
            if (kept++ == 0) first = i;
        }
        if (kept == 0)
        {
            if (orNull) writer.WriteNullValue();
            else ExpandedToNothing();
            return;
        }
        if (kept == 1)
        {
            WriteObject(writer, scope.WithData(data.Item(first), first), extras);
            return;
        }
        writer.WriteStartArray();
        for (var i = first; i < data.Count; i++)
        {
            var item = scope.WithData(data.Item(i), i);
            if (Keeps(item)) WriteObject(writer, item, extras);
        }
        writer.WriteEndArray();
    }

    private TemplateValue Data(in Scope scope) => _data is not null ? _data.Evaluate(scope) : _literalData ?? TemplateValue.Undefined;

    private static Scope Bind(in Scope scope, TemplateValue data) => data.IsUndefined ? scope : scope.WithData(data, scope.Index);

    private bool Keeps(in Scope scope) => _when is null || _when.EvaluateCondition(scope);

    private void WriteObject(Utf8JsonWriter writer, in Scope scope, Action<Utf8JsonWriter>? extras)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in _properties) value.WriteProperty(writer, name, scope);
        extras?.Invoke(writer);
        writer.WriteEndObject();
    }
}
