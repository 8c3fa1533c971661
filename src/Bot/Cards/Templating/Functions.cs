namespace NumbersBot.Bot.Cards.Templating;

internal enum Function { If, Count, Length, Empty, Not, Concat, String, And, Or, Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

/// <summary>
/// The functions and operators we support, each with AEL's semantics: which arguments see missing values as
/// undefined rather than as their "${path}" text, which errors are swallowed, what the result is on an error.
/// </summary>
internal sealed class FunctionExpr(string name, Function function, Expr[] arguments) : Expr
{
    private static readonly double JsEpsilon = Math.Pow(2, -52);

    public string Name { get; } = name;
    public Function Function { get; } = function;
    public Expr[] Arguments { get; } = arguments;

    public override ReturnType ReturnType => Function switch
    {
        Function.If => ReturnType.Object,
        Function.Count or Function.Length => ReturnType.Number,
        Function.String => ReturnType.String,
        Function.Concat => ReturnType.String | ReturnType.Array,
        _ => ReturnType.Boolean,
    };

    public override EvalResult Evaluate(in Scope scope, bool substitute)
    {
        switch (Function)
        {
            case Function.If:
                var condition = Arguments[0].Evaluate(scope, substitute: false);
                return Arguments[condition.Error is null && condition.Value.IsLogicTrue ? 1 : 2].Evaluate(scope, substitute);
            case Function.Not:
                var operand = Arguments[0].Evaluate(scope, substitute: false);
                return new(TemplateValue.Bool(operand.Error is not null || !operand.Value.IsLogicTrue));
            case Function.And:
                foreach (var argument in Arguments)
                {
                    var r = argument.Evaluate(scope, substitute: false);
                    if (r.Error is not null || !r.Value.IsLogicTrue) return new(TemplateValue.False);
                }
                return new(TemplateValue.True);
            case Function.Or:
                // Without a true operand AEL answers the last operand's own value (null, undefined, false).
                var last = TemplateValue.False;
                foreach (var argument in Arguments)
                {
                    var r = argument.Evaluate(scope, substitute: false);
                    last = r.Value;
                    if (r.Error is null && r.Value.IsLogicTrue) return new(TemplateValue.True);
                }
                return new(last);
            case Function.Empty:
                var container = Arguments[0].Evaluate(scope, substitute: false);
                return new(TemplateValue.Bool(container.Error is null && IsEmpty(container.Value)));
            case Function.Equal or Function.NotEqual:
                var l = Arguments[0].Evaluate(scope, substitute: false);
                if (l.Error is not null) return new(TemplateValue.False);
                var r2 = Arguments[1].Evaluate(scope, substitute: false);
                if (r2.Error is not null) return new(TemplateValue.False);
                return new(TemplateValue.Bool(CommonEquals(l.Value, r2.Value) == (Function == Function.Equal)));
            case Function.Less or Function.LessOrEqual or Function.Greater or Function.GreaterOrEqual:
                return Compare(scope);
        }

        var arguments = new TemplateValue[Arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            var r = Arguments[i].Evaluate(scope, substitute);
            if (r.Error is not null) return EvalResult.Fail(r.Error);
            arguments[i] = r.Value;
        }
        var value = arguments[0];
        return Function switch
        {
            Function.Count => value.Kind switch
            {
                ValueKind.String => new(TemplateValue.Number(value.AsString.Length)),
                ValueKind.Array or ValueKind.Object => new(TemplateValue.Number(value.Count)),
                _ => EvalResult.Fail($"{Arguments[0]} must be a string, list, map or object."),
            },
            Function.Length => value.Kind switch
            {
                ValueKind.String => new(TemplateValue.Number(value.AsString.Length)),
                ValueKind.Undefined => new(TemplateValue.Number(0)),
                _ => EvalResult.Fail($"{Arguments[0]} is neither a string nor a null object."),
            },
            Function.String => new(value.Kind switch
            {
                ValueKind.Number => TemplateValue.String(JsNumber.ToEnUsString(value.AsNumber)),
                ValueKind.Undefined or ValueKind.Null => TemplateValue.String(""),
                _ => TemplateValue.String(Stringify(value)),
            }),
            _ => new(ConcatSequence(arguments)),
        };
    }

    public override string ToString() => char.IsLetter(Name[0]) || Arguments.Length < 2
        ? $"{Name}({string.Join(", ", (object[])Arguments)})"
        : $"({string.Join($" {Name} ", (object[])Arguments)})";

    private EvalResult Compare(in Scope scope)
    {
        var left = Arguments[0].Evaluate(scope, substitute: false);
        if (left.Error is not null || left.Value.IsNullish) return new(TemplateValue.False);
        var right = Arguments[1].Evaluate(scope, substitute: false);
        if (right.Error is not null || right.Value.IsNullish) return new(TemplateValue.False);

        int order;
        var (a, b) = (left.Value, right.Value);
        if (a.Kind == ValueKind.Number && b.Kind == ValueKind.Number && !double.IsNaN(a.AsNumber) && !double.IsNaN(b.AsNumber))
            order = a.AsNumber.CompareTo(b.AsNumber);
        else if (a.Kind == ValueKind.String && b.Kind == ValueKind.String)
            order = string.CompareOrdinal(a.AsString, b.AsString);
        else
            return EvalResult.Fail($"{a.Describe()} and {b.Describe()} must be comparable.", TemplateValue.False);

        return new(TemplateValue.Bool(Function switch
        {
            Function.Less => order < 0,
            Function.LessOrEqual => order <= 0,
            Function.Greater => order > 0,
            _ => order >= 0,
        }));
    }

    private static bool IsEmpty(TemplateValue value) => value.Kind switch
    {
        ValueKind.Undefined or ValueKind.Null => true,
        ValueKind.String => value.AsString.Length == 0,
        ValueKind.Array or ValueKind.Object => value.Count == 0,
        _ => false, // AEL refuses the argument, and empty() turns that into false
    };

    private static TemplateValue ConcatSequence(TemplateValue[] arguments)
    {
        var soFar = arguments[0];
        for (var i = 1; i < arguments.Length; i++)
        {
            var next = arguments[i];
            if (soFar.IsNullish && next.IsNullish) soFar = TemplateValue.Undefined;
            else if (soFar.Kind == ValueKind.Array || next.Kind == ValueKind.Array)
                throw new TemplateException("concat() of arrays is not supported");
            else soFar = TemplateValue.String(Stringify(soFar) + Stringify(next));
        }
        return soFar;
    }

    /// <summary>AEL's commonStringify, without the JSON form of arrays and objects (not something a card shows).</summary>
    private static string Stringify(TemplateValue value) => value.Kind switch
    {
        ValueKind.Undefined or ValueKind.Null => "",
        ValueKind.Array or ValueKind.Object => throw new TemplateException($"turning {value.Describe()} into text is not supported"),
        _ => value.ToJsString("value"),
    };

    /// <summary>AEL's commonEquals: null equals undefined, numbers within epsilon, objects and arrays by content.</summary>
    private static bool CommonEquals(TemplateValue a, TemplateValue b)
    {
        if (a.IsNullish || b.IsNullish) return a.IsNullish && b.IsNullish;
        if (a.Kind == ValueKind.Array && b.Kind == ValueKind.Array)
        {
            if (a.Count != b.Count) return false;
            for (var i = 0; i < a.Count; i++)
                if (!CommonEquals(a.Item(i), b.Item(i))) return false;
            return true;
        }
        if (a.Kind == ValueKind.Object && b.Kind == ValueKind.Object) return DeepEquals(a, b);
        if (a.Kind == ValueKind.Number && b.Kind == ValueKind.Number && Math.Abs(a.AsNumber - b.AsNumber) < JsEpsilon) return true;
        return StrictEquals(a, b);
    }

    /// <summary>lodash isEqual on JSON: same keys, equal values, no epsilon.</summary>
    private static bool DeepEquals(TemplateValue x, TemplateValue y)
    {
        switch (x.Kind, y.Kind)
        {
            case (ValueKind.Object, ValueKind.Object):
                if (x.Count != y.Count) return false;
                for (var i = 0; i < x.Count; i++)
                {
                    var (key, value) = x.Property(i);
                    var other = y.FindExact(key);
                    if (other.IsUndefined || !DeepEquals(value, other)) return false;
                }
                return true;
            case (ValueKind.Array, ValueKind.Array):
                if (x.Count != y.Count) return false;
                for (var i = 0; i < x.Count; i++)
                    if (!DeepEquals(x.Item(i), y.Item(i))) return false;
                return true;
            default:
                return x.Kind is not (ValueKind.Array or ValueKind.Object) && StrictEquals(x, y);
        }
    }

    private static bool StrictEquals(TemplateValue a, TemplateValue b) => a.Kind == b.Kind && a.Kind switch
    {
        ValueKind.Undefined or ValueKind.Null => true,
        ValueKind.Boolean => a.AsBoolean == b.AsBoolean,
        ValueKind.Number => a.AsNumber == b.AsNumber,
        ValueKind.String => a.AsString == b.AsString,
        _ => false, // arrays and objects are compared by content before this
    };
}
