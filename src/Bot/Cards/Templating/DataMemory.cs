namespace NumbersBot.Bot.Cards.Templating;

/// <summary>
/// Path lookup as AEL does it: the path is written out as a string ("items[0].name"), split on . [ ] and walked,
/// property names matched case-insensitively, first match in key order. The written path is also what a missing
/// value is replaced with ("${items[0].name}"), so it is built exactly the same way.
/// </summary>
internal static class DataMemory
{
    public static (string? Path, string? Error) AccumulatePath(AccessorExpr expr, in Scope scope, bool substitute)
    {
        var path = "";
        Expr? left = expr;
        while (left is not null)
        {
            switch (left)
            {
                case AccessorExpr accessor:
                    path = accessor.Property + "." + path;
                    left = accessor.Instance;
                    break;
                case ElementExpr element:
                    var index = element.Index.Evaluate(scope, substitute);
                    if (index.Error is not null) return (null, index.Error);
                    var text = JsString(index.Value);
                    if (JsParseInt(text) is not null) path = "[" + text + "]." + path;
                    else if (index.Value.Kind == ValueKind.String) path = "['" + text + "']." + path;
                    else return (null, $"{element.Index} doesn't return an int or string");
                    left = element.Instance;
                    break;
                default:
                    throw new TemplateException($"'{expr}' reads a property of something that is not a data path");
            }
        }
        return (path.TrimEnd('.').Replace(".[", "["), null);
    }

    /// <summary>The parts of a path as the template's memory sees them: without a leading $name, it is under $data.</summary>
    public static string[] MemoryParts(string path) => Split(path.StartsWith('$') ? path : "$data." + path);

    public static TemplateValue GetValue(in Scope scope, string[] parts)
    {
        var first = parts[0];
        var current = IsName(first, "$data") ? scope.Data
            : IsName(first, "$root") ? scope.Root
            : IsName(first, "$index") && scope.Index is { } position ? TemplateValue.Number(position)
            : TemplateValue.Undefined;
        for (var i = 1; i < parts.Length; i++)
        {
            if (JsParseInt(parts[i]) is { } index && current.Kind == ValueKind.Array)
            {
                var element = AccessIndex(current, index);
                if (element.Error is not null) return TemplateValue.Undefined;
                current = element.Value;
            }
            else
            {
                current = AccessProperty(current, parts[i]);
            }
        }
        return current;
    }

    public static EvalResult AccessIndex(TemplateValue instance, double index)
    {
        if (instance.IsNullish) return new(TemplateValue.Undefined);
        if (instance.Kind != ValueKind.Array) return EvalResult.Fail($"{instance.Describe()} is not a collection.");
        var count = instance.Count;
        return index >= 0 && index < count
            ? new(instance.Item((int)index))
            : EvalResult.Fail($"{JsNumber.ToString(index)} is out of range for an array of {count}");
    }

    /// <summary>JavaScript's Object.keys(instance).find(k => k.toLowerCase() === property.toLowerCase()).</summary>
    public static TemplateValue AccessProperty(TemplateValue instance, string property)
    {
        if (instance.IsFalsy) return TemplateValue.Undefined;
        switch (instance.Kind)
        {
            case ValueKind.Object:
                return instance.Find(property);
            case ValueKind.Array when IsCanonicalIndex(property, instance.Count, out var i):
                return instance.Item(i);
            case ValueKind.String when IsCanonicalIndex(property, instance.AsString.Length, out var i):
                return TemplateValue.String(instance.AsString[i].ToString());
            default:
                return TemplateValue.Undefined;
        }
    }

    // OrdinalIgnoreCase equals JavaScript's toLowerCase() comparison for the ASCII names data uses.
    public static bool IsName(string key, string name) => string.Equals(key, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>JavaScript's String(value), as used to write an index into a path.</summary>
    private static string JsString(TemplateValue value) => value.Kind switch
    {
        ValueKind.Undefined => "undefined",
        ValueKind.Null => "null",
        ValueKind.Array or ValueKind.Object => throw new TemplateException($"an index cannot be {value.Describe()}"),
        _ => value.ToJsString("index"),
    };

    /// <summary>JavaScript's parseInt(text): leading blanks, a sign, then as many digits as there are; null for NaN.</summary>
    private static double? JsParseInt(string text)
    {
        var i = 0;
        while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == '\uFEFF')) i++;
        var sign = 1;
        if (i < text.Length && text[i] is '+' or '-') sign = text[i++] == '-' ? -1 : 1;
        var radix = 10;
        if (i + 1 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X')
        {
            radix = 16;
            i += 2;
        }
        double value = 0;
        var start = i;
        for (; i < text.Length; i++)
        {
            var digit = HexDigit(text[i]);
            if (digit < 0 || digit >= radix) break;
            value = value * radix + digit;
        }
        return i == start ? null : sign * value;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static bool IsCanonicalIndex(string text, int count, out int index)
    {
        index = 0;
        if (text.Length == 0 || text.Length > 9 || (text.Length > 1 && text[0] == '0')) return false;
        foreach (var c in text)
        {
            if (c is < '0' or > '9') return false;
            index = index * 10 + (c - '0');
        }
        return index < count;
    }

    /// <summary>path.split(/[.[\]]+/), empty parts dropped, one pair of surrounding quotes removed.</summary>
    private static string[] Split(string path)
    {
        var parts = path.Split(['.', '[', ']'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if ((part[0] == '\'' && part[^1] == '\'') || (part[0] == '"' && part[^1] == '"'))
                parts[i] = part.Length >= 2 ? part[1..^1] : "";
        }
        return parts;
    }
}
