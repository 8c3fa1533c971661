using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace NumbersBot.Bot.Cards.Templating;

/// <summary>How the engine reads an array or object of template data without copying it: a view model, or parsed JSON.</summary>
internal abstract class DataShape
{
    public abstract int Count(object value);

    public virtual TemplateValue Item(object array, int index) => throw new InvalidOperationException("not an array");

    public virtual (string Name, TemplateValue Value) Property(object value, int index) => throw new InvalidOperationException("not an object");

    /// <summary>The first property, in key order, whose name matches ignoring case.</summary>
    public virtual TemplateValue Find(object value, string name)
    {
        var count = Count(value);
        for (var i = 0; i < count; i++)
        {
            var (key, property) = Property(value, i);
            if (DataMemory.IsName(key, name)) return property;
        }
        return TemplateValue.Undefined;
    }

    /// <summary>The whole value as output JSON, as the serializer (or the parsed JSON) has it.</summary>
    public abstract void Write(Utf8JsonWriter writer, object value);
}

internal static class JsonShapes
{
    public static DataShape Object { get; } = new JsonObjectShape();
    public static DataShape Array { get; } = new JsonArrayShape();

    private sealed class JsonObjectShape : DataShape
    {
        public override int Count(object value) => ((JsonObject)value).Count;

        public override (string Name, TemplateValue Value) Property(object value, int index)
        {
            var (key, node) = ((JsonObject)value).GetAt(index);
            return (key, TemplateValue.From(node));
        }

        public override void Write(Utf8JsonWriter writer, object value) => ((JsonNode)value).WriteTo(writer);
    }

    private sealed class JsonArrayShape : DataShape
    {
        public override int Count(object value) => ((JsonArray)value).Count;

        public override TemplateValue Item(object array, int index) => TemplateValue.From(((JsonArray)array)[index]);

        public override void Write(Utf8JsonWriter writer, object value) => ((JsonNode)value).WriteTo(writer);
    }
}

/// <summary>
/// View models read as <see cref="JsonSerializer"/> with these options would write them (names, order, values), through
/// the serializer's own contract, so a card binds to the model directly instead of to a JSON copy of it. A type the
/// contract does not describe as plain properties or a list (custom converters, dictionaries, dates) is serialized on its own.
/// </summary>
internal sealed class ModelShapes
{
    private static readonly ConditionalWeakTable<JsonSerializerOptions, ModelShapes> ForOptions = new();

    private readonly JsonSerializerOptions _options;
    private readonly ConcurrentDictionary<Type, DataShape?> _shapes = new();

    private ModelShapes(JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        _options = options;
    }

    public static ModelShapes For(JsonSerializerOptions options) => ForOptions.GetValue(options, o => new ModelShapes(o));

    public TemplateValue Value(object? value)
    {
        switch (value)
        {
            case null: return TemplateValue.Null;
            case string text: return TemplateValue.String(text);
            case bool flag: return TemplateValue.Bool(flag);
            case int number: return TemplateValue.Number(number);
            case long number: return TemplateValue.Number(number);
            case double number: return TemplateValue.Number(number);
            case short or byte or sbyte or ushort or uint: return TemplateValue.Number(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
            case JsonNode node: return TemplateValue.From(node);
        }
        var shape = _shapes.GetOrAdd(value.GetType(), Create);
        return shape switch
        {
            ModelObjectShape => TemplateValue.Composite(ValueKind.Object, value, shape),
            ModelListShape => TemplateValue.Composite(ValueKind.Array, value, shape),
            _ => TemplateValue.From(JsonSerializer.SerializeToNode(value, value.GetType(), _options)),
        };
    }

    private DataShape? Create(Type type)
    {
        var info = _options.GetTypeInfo(type);
        return info.Kind switch
        {
            JsonTypeInfoKind.Object when info.Properties.All(p => p.ShouldSerialize is null && p.CustomConverter is null && !p.IsExtensionData)
                && _options.DefaultIgnoreCondition == System.Text.Json.Serialization.JsonIgnoreCondition.Never
                => new ModelObjectShape(this, info),
            JsonTypeInfoKind.Enumerable when typeof(IList).IsAssignableFrom(type) => new ModelListShape(this, info),
            _ => null,
        };
    }

    private sealed class ModelObjectShape : DataShape
    {
        private readonly JsonTypeInfo _info;
        private readonly (string Name, Func<object, TemplateValue> Read)[] _properties;
        private readonly Dictionary<string, int> _firstByName = new(StringComparer.OrdinalIgnoreCase);

        public ModelObjectShape(ModelShapes shapes, JsonTypeInfo info)
        {
            _info = info;
            _properties = [.. info.Properties.Where(p => p.Get is not null).OrderBy(p => p.Order).Select(p => (p.Name, Reader(shapes, info.Type, p)))];
            for (var i = 0; i < _properties.Length; i++) _firstByName.TryAdd(_properties[i].Name, i);
        }

        public override int Count(object value) => _properties.Length;

        public override (string Name, TemplateValue Value) Property(object value, int index) => (_properties[index].Name, _properties[index].Read(value));

        public override TemplateValue Find(object value, string name) =>
            _firstByName.TryGetValue(name, out var index) ? _properties[index].Read(value) : TemplateValue.Undefined;

        /// <summary>A bool or int property is read through its typed getter: the contract's Get would box every value.</summary>
        private static Func<object, TemplateValue> Reader(ModelShapes shapes, Type owner, JsonPropertyInfo property)
        {
            var get = property.Get!;
            if (owner.IsValueType || property.AttributeProvider is not System.Reflection.PropertyInfo { GetMethod: { IsStatic: false } getter }
                || getter.ReturnType != property.PropertyType || (property.PropertyType != typeof(bool) && property.PropertyType != typeof(int)))
                return value => shapes.Value(get(value));
            var typed = typeof(ModelObjectShape).GetMethod(property.PropertyType == typeof(bool) ? nameof(BoolReader) : nameof(IntReader),
                System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(owner);
            return (Func<object, TemplateValue>)typed.Invoke(null, [getter])!;
        }

        private static Func<object, TemplateValue> BoolReader<TOwner>(System.Reflection.MethodInfo getter)
        {
            var get = getter.CreateDelegate<Func<TOwner, bool>>();
            return value => TemplateValue.Bool(get((TOwner)value));
        }

        private static Func<object, TemplateValue> IntReader<TOwner>(System.Reflection.MethodInfo getter)
        {
            var get = getter.CreateDelegate<Func<TOwner, int>>();
            return value => TemplateValue.Number(get((TOwner)value));
        }

        public override void Write(Utf8JsonWriter writer, object value) => JsonSerializer.Serialize(writer, value, _info);
    }

    private sealed class ModelListShape(ModelShapes shapes, JsonTypeInfo info) : DataShape
    {
        public override int Count(object value) => ((ICollection)value).Count;

        public override TemplateValue Item(object array, int index) => shapes.Value(((IList)array)[index]);

        public override void Write(Utf8JsonWriter writer, object value) => JsonSerializer.Serialize(writer, value, info);
    }
}
