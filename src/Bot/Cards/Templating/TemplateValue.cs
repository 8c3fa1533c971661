using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NumbersBot.Bot.Cards.Templating;

internal enum ValueKind { Undefined, Null, Boolean, Number, String, Array, Object }

/// <summary>A JavaScript value as the official engine sees it; default is JavaScript's <c>undefined</c>.</summary>
internal readonly struct TemplateValue
{
    private readonly double _number;
    private readonly object? _reference;
    private readonly DataShape? _shape;

    private TemplateValue(ValueKind kind, double number, object? reference, DataShape? shape = null)
    {
        Kind = kind;
        _number = number;
        _reference = reference;
        _shape = shape;
    }

    public ValueKind Kind { get; }
    public static TemplateValue Undefined => default;
    public static TemplateValue Null { get; } = new(ValueKind.Null, 0, null);
    public static TemplateValue True { get; } = new(ValueKind.Boolean, 1, null);
    public static TemplateValue False { get; } = new(ValueKind.Boolean, 0, null);

    public static TemplateValue Bool(bool value) => value ? True : False;
    public static TemplateValue Number(double value) => new(ValueKind.Number, value, null);
    public static TemplateValue String(string value) => new(ValueKind.String, 0, value);

    public bool IsUndefined => Kind == ValueKind.Undefined;
    public bool IsNullish => Kind is ValueKind.Undefined or ValueKind.Null;
    public bool AsBoolean => _number != 0;
    public double AsNumber => _number;
    public string AsString => (string)_reference!;

    /// <summary>An array or object of the data, read through its shape (a view model or parsed JSON).</summary>
    public static TemplateValue Composite(ValueKind kind, object value, DataShape shape) => new(kind, 0, value, shape);

    /// <summary>The items of an array or the properties of an object.</summary>
    public int Count => _shape!.Count(_reference!);

    public TemplateValue Item(int index) => _shape!.Item(_reference!, index);

    public (string Name, TemplateValue Value) Property(int index) => _shape!.Property(_reference!, index);

    /// <summary>The first property whose name equals <paramref name="name"/> ignoring case (JavaScript's toLowerCase on ASCII names).</summary>
    public TemplateValue Find(string name) => _shape!.Find(_reference!, name);

    /// <summary>The property named exactly <paramref name="name"/>, or undefined.</summary>
    public TemplateValue FindExact(string name)
    {
        for (var i = 0; i < Count; i++)
        {
            var (key, value) = Property(i);
            if (key == name) return value;
        }
        return Undefined;
    }

    /// <summary>JavaScript truthiness, used where the official engine tests <c>!instance</c>.</summary>
    public bool IsFalsy => Kind switch
    {
        ValueKind.Undefined or ValueKind.Null => true,
        ValueKind.Boolean => !AsBoolean,
        ValueKind.Number => _number == 0 || double.IsNaN(_number),
        ValueKind.String => AsString.Length == 0,
        _ => false,
    };

    /// <summary>AEL's isLogicTrue: only false, null and undefined are false (0 and '' are true).</summary>
    public bool IsLogicTrue => Kind switch
    {
        ValueKind.Undefined or ValueKind.Null => false,
        ValueKind.Boolean => AsBoolean,
        _ => true,
    };

    public static TemplateValue From(JsonNode? node)
    {
        switch (node)
        {
            case null: return Null;
            case JsonObject o: return new(ValueKind.Object, 0, o, JsonShapes.Object);
            case JsonArray a: return new(ValueKind.Array, 0, a, JsonShapes.Array);
        }
        var value = node.AsValue();
        return value.GetValueKind() switch
        {
            JsonValueKind.String => String(value.TryGetValue(out string? s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString())!),
            JsonValueKind.Number => Number(ReadNumber(value)),
            JsonValueKind.True => True,
            JsonValueKind.False => False,
            _ => Null,
        };
    }

    // Values built in C# hold their own type (JsonValue<int>), which does not convert to double.
    private static double ReadNumber(JsonValue value) =>
        value.TryGetValue(out double d) ? d
        : value.TryGetValue(out int i) ? i
        : value.TryGetValue(out long l) ? l
        : value.TryGetValue(out decimal m) ? (double)m
        : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);

    /// <summary>The value as the official engine outputs it: integers as integers, NaN and infinities as null.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        switch (Kind)
        {
            case ValueKind.Boolean:
                writer.WriteBooleanValue(AsBoolean);
                break;
            case ValueKind.Number:
                JsNumber.Write(writer, _number);
                break;
            case ValueKind.String:
                writer.WriteStringValue(AsString);
                break;
            case ValueKind.Array or ValueKind.Object:
                _shape!.Write(writer, _reference!);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    /// <summary>JavaScript's <c>value.toString()</c>, as used when the official engine joins interpolated text.</summary>
    public string ToJsString(string context) => Kind switch
    {
        ValueKind.String => AsString,
        ValueKind.Number => JsNumber.ToString(_number),
        ValueKind.Boolean => AsBoolean ? "true" : "false",
        ValueKind.Undefined or ValueKind.Null => throw new TemplateException(
            $"{context} is {(IsUndefined ? "undefined" : "null")} inside text (the official engine fails on this too); guard it with if() or $when"),
        _ => throw new TemplateException($"{context} is {(Kind == ValueKind.Array ? "an array" : "an object")}; it cannot be put into text"),
    };

    public string Describe() => Kind switch
    {
        ValueKind.Undefined => "undefined",
        ValueKind.Null => "null",
        ValueKind.Array => "an array",
        ValueKind.Object => "an object",
        _ => ToJsString("value"),
    };
}
