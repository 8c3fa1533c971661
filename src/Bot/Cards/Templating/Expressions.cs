namespace NumbersBot.Bot.Cards.Templating;

/// <summary>A parsed expression; ToString reproduces AEL's, because the official engine prints it for a failed binding.</summary>
internal abstract class Expr
{
    public abstract ReturnType ReturnType { get; }

    public abstract EvalResult Evaluate(in Scope scope, bool substitute);
}

internal sealed class ConstantExpr(TemplateValue value) : Expr
{
    public TemplateValue Value { get; } = value;

    public override ReturnType ReturnType => Value.Kind switch
    {
        ValueKind.String => ReturnType.String,
        ValueKind.Boolean => ReturnType.Boolean,
        ValueKind.Number => ReturnType.Number,
        _ => ReturnType.Object,
    };

    public override EvalResult Evaluate(in Scope scope, bool substitute) => new(Value);

    public override string ToString() => Value.Kind switch
    {
        ValueKind.String => "'" + QuoteEscape(Value.AsString.Replace("\\", "\\\\")) + "'",
        ValueKind.Null => "null",
        _ => Value.ToJsString("constant"),
    };

    // AEL escapes each quote that is not already preceded by a backslash.
    private static string QuoteEscape(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\'' && (i == 0 || text[i - 1] != '\\')) builder.Append('\\');
            builder.Append(text[i]);
        }
        return builder.ToString();
    }
}

/// <summary><c>name</c> or <c>instance.name</c>: a memory path, looked up the way AEL's Accessor does.</summary>
internal sealed class AccessorExpr : Expr
{
    private readonly string? _staticPath;
    private readonly string[]? _staticParts;

    public AccessorExpr(string property, Expr? instance)
    {
        Property = property;
        Instance = instance;
        if (IsStatic(this))
        {
            _staticPath = DataMemory.AccumulatePath(this, default, substitute: false).Path!;
            _staticParts = DataMemory.MemoryParts(_staticPath);
        }
    }

    public string Property { get; }
    public Expr? Instance { get; }
    public override ReturnType ReturnType => ReturnType.Object;

    public override EvalResult Evaluate(in Scope scope, bool substitute)
    {
        var path = _staticPath;
        var parts = _staticParts;
        if (path is null)
        {
            var accumulated = DataMemory.AccumulatePath(this, scope, substitute);
            if (accumulated.Error is not null) return EvalResult.Fail(accumulated.Error);
            path = accumulated.Path!;
            parts = DataMemory.MemoryParts(path);
        }
        var value = DataMemory.GetValue(scope, parts!);
        return value.IsUndefined && substitute ? new(TemplateValue.String("${" + path + "}")) : new(value);
    }

    public override string ToString() => Instance is null ? Property : Instance + "." + Property;

    private static bool IsStatic(Expr? expr) => expr switch
    {
        null => true,
        AccessorExpr a => IsStatic(a.Instance),
        ElementExpr e => e.Index is ConstantExpr { Value.Kind: ValueKind.Number or ValueKind.String } && IsStatic(e.Instance),
        _ => false,
    };
}

/// <summary><c>instance[index]</c> on its own (not followed by <c>.name</c>): AEL's Element.</summary>
internal sealed class ElementExpr(Expr instance, Expr index) : Expr
{
    public Expr Instance { get; } = instance;
    public Expr Index { get; } = index;
    public override ReturnType ReturnType => ReturnType.Object;

    public override EvalResult Evaluate(in Scope scope, bool substitute)
    {
        var instance = Instance.Evaluate(scope, substitute);
        if (instance.Error is not null) throw new HardEvaluationError(instance.Error);
        var index = Index.Evaluate(scope, substitute: false);
        if (index.Error is not null) throw new HardEvaluationError(index.Error);

        var i = index.Value;
        if (i.Kind == ValueKind.Number && double.IsInteger(i.AsNumber)) return DataMemory.AccessIndex(instance.Value, i.AsNumber);
        if (i.Kind == ValueKind.String) return new(DataMemory.AccessProperty(instance.Value, i.AsString));
        return EvalResult.Fail($"Could not coerce {Index} to an int or string.");
    }

    public override string ToString() => $"{Instance}[{Index}]";
}
