using System.Text;

namespace NumbersBot.Bot.Cards.Templating;

/// <summary>
/// A JSON string holding <c>${...}</c>. Exactly one non-constant <c>${...}</c> and nothing else keeps the value's
/// JSON type; anything else (text around it, several, a lone constant like <c>${3}</c>) becomes text.
/// </summary>
internal sealed class TemplateString
{
    private readonly Expr[] _parts;

    private TemplateString(string source, string where, Expr[] parts)
    {
        Source = source;
        Where = where;
        _parts = parts;
        Single = parts is [var only and not ConstantExpr] ? only : null;
    }

    public string Source { get; }
    public string Where { get; }
    public Expr? Single { get; }

    public static bool IsTemplated(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>Splits the string the way AEL's string-interpolation lexer does; its escapes are \` and \$.</summary>
    public static TemplateString Parse(string source, string where)
    {
        var parts = new List<Expr>();
        var text = new StringBuilder();
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\\' && i + 1 < source.Length && source[i + 1] is '`' or '$')
            {
                text.Append(source[++i]);
            }
            else if (c == '`')
            {
                throw new TemplateException($"{where}: \"{source}\": a backquote in a templated string must be written \\`");
            }
            else if (c == '$' && i + 1 < source.Length && source[i + 1] == '{')
            {
                var end = EndOfBinding(source, i, where);
                if (text.Length > 0) parts.Add(new ConstantExpr(TemplateValue.String(text.ToString())));
                text.Clear();
                parts.Add(ExpressionParser.Parse(source[(i + 2)..end].Trim().Trim('\uFEFF'), where));
                i = end;
            }
            else
            {
                text.Append(c);
            }
        }
        if (text.Length > 0) parts.Add(new ConstantExpr(TemplateValue.String(text.ToString())));
        return new TemplateString(source, where, [.. parts]);
    }

    /// <summary>The value of a property or array item, as the official engine computes it.</summary>
    public TemplateValue Evaluate(in Scope scope)
    {
        try
        {
            // The official engine joins any top-level concat() itself, exactly like interpolated text.
            if (Single is FunctionExpr { Function: Function.Concat } concat) return TemplateValue.String(Join(concat.Arguments, scope));
            if (Single is null) return TemplateValue.String(Join(_parts, scope));
            var result = Single.Evaluate(scope, substitute: true);
            return result.Error is null ? result.Value : throw new TemplateException(result.Error);
        }
        catch (Exception e) when (e is TemplateException or HardEvaluationError)
        {
            throw new TemplateException($"{Where}: \"{Source}\": {e.Message}");
        }
    }

    /// <summary>A $when: only the boolean true keeps the element; errors and other values drop it.</summary>
    public bool EvaluateCondition(in Scope scope)
    {
        try
        {
            var result = Single!.Evaluate(scope, substitute: false);
            return result.Error is null && result.Value.Kind == ValueKind.Boolean && result.Value.AsBoolean;
        }
        catch (Exception e) when (e is TemplateException or HardEvaluationError)
        {
            throw new TemplateException($"{Where}: \"{Source}\": {e.Message}");
        }
    }

    // Join never runs inside another Join, so one builder per thread is enough; a card joins thousands of strings.
    [ThreadStatic]
    private static StringBuilder? _joined;

    private static string Join(Expr[] parts, in Scope scope)
    {
        var text = _joined ??= new StringBuilder();
        text.Clear();
        foreach (var part in parts)
        {
            if (part is ConstantExpr { Value.Kind: ValueKind.String } constant)
            {
                text.Append(constant.Value.AsString);
                continue;
            }
            EvalResult result;
            try
            {
                result = part.Evaluate(scope, substitute: true);
            }
            catch (HardEvaluationError e)
            {
                result = EvalResult.Fail(e.Message);
            }
            text.Append(result.Error is null ? result.Value.ToJsString("${" + part + "}") : "${" + part + "}");
        }
        return text.ToString();
    }

    /// <summary>The index of the '}' closing the binding at <paramref name="start"/>: AEL's TEMPLATE token.</summary>
    private static int EndOfBinding(string source, int start, string where)
    {
        for (var i = start + 2; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '}' when i > start + 2:
                    return i;
                case '\'' or '"':
                    var quote = source[i];
                    for (i++; i < source.Length && source[i] != quote; i++)
                        if (source[i] == '\\' && i + 1 < source.Length && (source[i + 1] == quote || source[i + 1] == '\\')) i++;
                    if (i >= source.Length) throw Malformed(source, where, "a string inside it is not closed");
                    break;
                case '}' or '{' or '`' or '\r' or '\n':
                    throw Malformed(source, where, $"it contains '{source[i]}'");
            }
        }
        throw Malformed(source, where, "it is not closed with '}'");
    }

    private static TemplateException Malformed(string source, string where, string problem) =>
        new($"{where}: \"{source}\": a '${{' that the official engine would leave as text: {problem} (write \\${{ for a literal one)");
}
