using System.Text.Json;
using System.Text.Json.Nodes;

namespace NumbersBot.Bot.Cards.Templating;

/// <summary>What expanding one template node gives: a JSON value (possibly null), or JavaScript's undefined.</summary>
internal readonly record struct DomExpansion(JsonNode? Node, bool IsUndefined = false)
{
    public static DomExpansion Undefined { get; } = new(null, true);
}

internal abstract class DomNode
{
    public abstract DomExpansion Expand(in Scope scope);

    public static DomNode Parse(JsonNode? node, string where) => node switch
    {
        null => new DomLiteral(null),
        JsonObject o => DomObject.Parse(o, where),
        JsonArray a => new DomArray([.. a.Select((item, i) => Parse(item, $"{where}[{i}]"))]),
        JsonValue v when v.GetValueKind() == JsonValueKind.String && TemplateString.IsTemplated(v.GetValue<string>())
            => new DomString(TemplateString.Parse(v.GetValue<string>(), where)),
        _ => new DomLiteral(node.AsValue()),
    };
}

/// <summary>A number, boolean, plain string or null, copied into each expansion.</summary>
internal sealed class DomLiteral : DomNode
{
    private readonly string? _text;
    private readonly JsonElement? _element;

    public DomLiteral(JsonValue? value)
    {
        // Cloning a parsed JsonValue copies its document each time; a string or a detached element is cheap to wrap.
        if (value?.GetValueKind() == JsonValueKind.String) _text = value.GetValue<string>();
        else if (value is not null) _element = JsonSerializer.SerializeToElement(value);
    }

    public override DomExpansion Expand(in Scope scope) =>
        new(_text is not null ? JsonValue.Create(_text) : _element is { } element ? JsonValue.Create(element) : null);
}

internal sealed class DomString(TemplateString template) : DomNode
{
    public override DomExpansion Expand(in Scope scope)
    {
        var value = template.Evaluate(scope);
        return value.IsUndefined ? DomExpansion.Undefined : new(DomTemplate.ToNode(value));
    }
}

/// <summary>Null items are dropped and array items are spliced in (a repeat, or any nested array), as officially.</summary>
internal sealed class DomArray(DomNode[] items) : DomNode
{
    public override DomExpansion Expand(in Scope scope)
    {
        var result = new JsonArray();
        foreach (var item in items)
        {
            var expansion = item.Expand(scope);
            switch (expansion.Node)
            {
                case null when expansion.IsUndefined:
                    result.Add(null); // JSON.stringify writes an undefined item as null
                    break;
                case null:
                    break;
                case JsonArray spliced:
                    var moved = spliced.ToArray();
                    spliced.Clear();
                    foreach (var node in moved) result.Add(node);
                    break;
                default:
                    result.Add(expansion.Node);
                    break;
            }
        }
        return new(result);
    }
}

/// <summary>An object with its own $data (rebinding, or one copy per array element) and $when.</summary>
internal sealed class DomObject : DomNode
{
    // The official engine never copies these keys to the output.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion" };

    private readonly (string Name, DomNode Value)[] _properties;
    private readonly TemplateString? _data;
    private readonly TemplateValue? _literalData;
    private readonly TemplateString? _when;

    private DomObject((string, DomNode)[] properties, TemplateString? data, TemplateValue? literalData, TemplateString? when)
    {
        _properties = properties;
        _data = data;
        _literalData = literalData;
        _when = when;
    }

    public static DomObject Parse(JsonObject node, string where)
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
            .Select(p => (p.Key, DomNode.Parse(p.Value, $"{where}.{p.Key}")))
            .ToArray();
        return new DomObject(properties, data, literalData, when);
    }

    public override DomExpansion Expand(in Scope scope)
    {
        var data = _data is not null ? _data.Evaluate(scope) : _literalData ?? TemplateValue.Undefined;
        if (data.Kind != ValueKind.Array)
        {
            var bound = data.IsUndefined ? scope : scope.WithData(data, scope.Index);
            return new(Keeps(bound) ? ExpandProperties(bound) : null);
        }

        var copies = new List<JsonObject>();
        for (var i = 0; i < data.Count; i++)
        {
            var item = scope.WithData(data.Item(i), i);
            if (Keeps(item)) copies.Add(ExpandProperties(item));
        }
        return copies.Count switch
        {
            0 => new(null),
            1 => new(copies[0]),
            _ => new(new JsonArray([.. copies])),
        };
    }

    private bool Keeps(in Scope scope) => _when is null || _when.EvaluateCondition(scope);

    private JsonObject ExpandProperties(in Scope scope)
    {
        var result = new JsonObject();
        foreach (var (name, value) in _properties)
        {
            var expansion = value.Expand(scope);
            if (!expansion.IsUndefined) result[name] = expansion.Node;
        }
        return result;
    }
}
