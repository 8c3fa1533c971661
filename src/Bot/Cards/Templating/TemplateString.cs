using System.Text;
using System.Text.Json;

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

    /// <summary>Always text: interpolation, or a top-level concat(), which the official engine joins itself like interpolated text.</summary>
    public bool IsText => Single is null or FunctionExpr { Function: Function.Concat };

    private Expr[] TextParts => Single is FunctionExpr { Function: Function.Concat } concat ? concat.Arguments : _parts;

    /// <summary>Writes the text of a string that <see cref="IsText"/>, with no string made for it.</summary>
    public void WriteText(Utf8JsonWriter writer, in Scope scope)
    {
        try
        {
            writer.WriteStringValue(Join(TextParts, scope).AsSpan());
        }
        catch (Exception e) when (e is TemplateException or HardEvaluationError)
        {
            throw new TemplateException($"{Where}: \"{Source}\": {e.Message}");
        }
    }
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
            if (IsText) return TemplateValue.String(Join(TextParts, scope).ToString());
            var result = Single!.Evaluate(scope, substitute: true);
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

    // Join never runs inside another Join, and its text is used before the next one, so one buffer per thread is enough.
    [ThreadStatic]
    private static TextBuffer? _joined;

    private static TextBuffer Join(Expr[] parts, in Scope scope)
    {
        var text = _joined ??= new TextBuffer();
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
            if (result.Error is not null) text.Append("${" + part + "}");
            else if (result.Value.Kind is ValueKind.String or ValueKind.Number or ValueKind.Boolean) text.Append(result.Value.ToJsString(""));
            else text.Append(result.Value.ToJsString("${" + part + "}")); // throws, naming the binding
        }
        return text;
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

/// <summary>A growing char buffer, reused: the joined text is written out from its span without becoming a string.</summary>
internal sealed class TextBuffer
{
    private char[] _chars = new char[256];
    private int _length;

    public void Clear() => _length = 0;

    public void Append(string text)
    {
        if (_length + text.Length > _chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + text.Length));
        text.CopyTo(0, _chars, _length, text.Length);
        _length += text.Length;
    }

    public ReadOnlySpan<char> AsSpan() => _chars.AsSpan(0, _length);

    public override string ToString() => new(_chars, 0, _length);
}
