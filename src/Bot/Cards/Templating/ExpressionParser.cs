using System.Globalization;
using System.Text;

namespace NumbersBot.Bot.Cards.Templating;

/// <summary>
/// Parses the inside of one <c>${...}</c> with AEL's grammar and precedence (unary, then == !=, then &lt; &lt;= &gt; &gt;=,
/// then &amp;&amp;, then ||), and refuses everything NumbersBot does not support instead of guessing.
/// </summary>
internal sealed class ExpressionParser
{
    private static readonly Dictionary<string, Function> Functions = new(StringComparer.Ordinal)
    {
        ["if"] = Function.If, ["count"] = Function.Count, ["length"] = Function.Length, ["empty"] = Function.Empty,
        ["not"] = Function.Not, ["concat"] = Function.Concat, ["string"] = Function.String,
    };

    private static readonly string[] Symbols = ["==", "!=", "<>", "&&", "||", "<=", ">=", "=>", "??", "+", "-", "!", "^", "*", "/", "%", "&", "<", ">", "(", ")", ".", "[", "]", "{", "}", ",", ":", "?", "`"];

    private readonly string _text;
    private readonly string _where;
    private int _position;
    private (TokenKind Kind, string Text, int Start) _token;

    private ExpressionParser(string text, string where)
    {
        _text = text;
        _where = where;
        Advance();
    }

    private enum TokenKind { End, Number, String, Identifier, Symbol }

    public static Expr Parse(string text, string where)
    {
        var parser = new ExpressionParser(text, where);
        if (parser._token.Kind == TokenKind.End) throw parser.Error("the expression is empty");
        var expr = parser.ParseBinary(0);
        if (parser._token.Kind != TokenKind.End) throw parser.Unexpected();
        return expr;
    }

    // Lowest to highest; each level's operands are parsed at the next level.
    private static readonly (string Symbol, Function Function)[][] Levels =
    [
        [("||", Function.Or)],
        [("&&", Function.And)],
        [("<", Function.Less), ("<=", Function.LessOrEqual), (">", Function.Greater), (">=", Function.GreaterOrEqual)],
        [("==", Function.Equal), ("!=", Function.NotEqual)],
    ];

    private Expr ParseBinary(int level)
    {
        if (level == Levels.Length) return ParseUnary();
        var left = ParseBinary(level + 1);
        while (_token.Kind == TokenKind.Symbol)
        {
            var op = Array.Find(Levels[level], o => o.Symbol == _token.Text);
            if (op.Symbol is null)
            {
                if (_token.Text is "?" or "??" or "&" or "+" or "-" or "*" or "/" or "%" or "^" or "<>")
                    throw Error($"the operator '{_token.Text}' is not supported");
                break;
            }
            Advance();
            left = new FunctionExpr(op.Symbol, op.Function, [left, ParseBinary(level + 1)]);
        }
        return left;
    }

    private Expr ParseUnary()
    {
        if (IsSymbol("!"))
        {
            Advance();
            return new FunctionExpr("!", Function.Not, [ParseUnary()]);
        }
        if (IsSymbol("-") || IsSymbol("+")) throw Error($"the unary operator '{_token.Text}' is not supported");
        return ParsePrimary();
    }

    private Expr ParsePrimary()
    {
        Expr expr;
        var token = _token;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                expr = new ConstantExpr(TemplateValue.Number(double.Parse(token.Text, CultureInfo.InvariantCulture)));
                break;
            case TokenKind.String:
                Advance();
                expr = new ConstantExpr(TemplateValue.String(token.Text));
                break;
            case TokenKind.Identifier:
                Advance();
                expr = IsSymbol("(") ? ParseCall(token.Text) : Atom(token.Text);
                break;
            case TokenKind.Symbol when token.Text == "(":
                Advance();
                expr = ParseBinary(0);
                Expect(")");
                break;
            case TokenKind.Symbol when token.Text is "[" or "{" or "`":
                throw Error($"literals starting with '{token.Text}' are not supported");
            default:
                throw Unexpected();
        }

        while (IsSymbol(".") || IsSymbol("[") || IsSymbol("("))
        {
            if (expr is not (AccessorExpr or ElementExpr))
                throw Error($"'{_token.Text}' after '{expr}' is not supported: only data paths have properties and items");
            if (IsSymbol("(")) throw Error($"'{expr}' is not a function");
            if (IsSymbol("."))
            {
                Advance();
                if (_token.Kind != TokenKind.Identifier) throw Unexpected();
                expr = new AccessorExpr(_token.Text, expr);
                Advance();
            }
            else
            {
                Advance();
                var index = ParseBinary(0);
                Expect("]");
                expr = new ElementExpr(expr, index);
            }
        }
        return expr;
    }

    private Expr Atom(string identifier) => identifier switch
    {
        "true" => new ConstantExpr(TemplateValue.True),
        "false" => new ConstantExpr(TemplateValue.False),
        "null" => new ConstantExpr(TemplateValue.Null),
        "$root" or "$data" or "$index" => new AccessorExpr(identifier, null),
        "undefined" => throw Error("'undefined' is not supported"),
        _ when identifier[0] is '$' or '#' or '@' or '%' => throw Error($"'{identifier}' is not supported (only $root, $data and $index)"),
        _ => new AccessorExpr(identifier, null),
    };

    private Expr ParseCall(string name)
    {
        if (!Functions.TryGetValue(name, out var function))
            throw Error($"the function '{name}' is not supported (supported: {string.Join(", ", Functions.Keys)})");
        Expect("(");
        var arguments = new List<Expr>();
        if (!IsSymbol(")"))
        {
            arguments.Add(ParseBinary(0));
            while (IsSymbol(","))
            {
                Advance();
                arguments.Add(ParseBinary(0));
            }
        }
        Expect(")");
        // AEL names an aliased call after its operator, which shows when the official engine prints it.
        var call = new FunctionExpr(function == Function.Not ? "!" : name, function, [.. arguments]);
        Validate(call);
        return call;
    }

    /// <summary>The checks AEL makes when it builds the expression, so a wrong call fails at parse time in both engines.</summary>
    private void Validate(FunctionExpr call)
    {
        var (min, max, accepted) = call.Function switch
        {
            Function.If => (3, 3, ReturnType.Object),
            Function.Count => (1, 1, ReturnType.String | ReturnType.Array),
            Function.Length => (1, 1, ReturnType.String),
            Function.Concat => (1, int.MaxValue, ReturnType.Object),
            Function.String => (1, 1, ReturnType.Object), // AEL's optional locale argument is not supported
            _ => (1, 1, ReturnType.Object),
        };
        if (call.Arguments.Length < min || call.Arguments.Length > max)
            throw Error($"{call} takes {(min == max ? min.ToString(CultureInfo.InvariantCulture) : $"at least {min}")} argument(s)");
        foreach (var argument in call.Arguments)
        {
            var type = argument.ReturnType;
            if ((accepted & ReturnType.Object) == 0 && (type & ReturnType.Object) == 0 && (type & accepted) == 0)
                throw Error($"{argument} is not a {accepted} expression in {call}");
        }
    }

    private bool IsSymbol(string symbol) => _token.Kind == TokenKind.Symbol && _token.Text == symbol;

    private void Expect(string symbol)
    {
        if (!IsSymbol(symbol)) throw Unexpected();
        Advance();
    }

    private TemplateException Unexpected() => Error(_token.Kind == TokenKind.End
        ? "the expression ends too early"
        : $"unexpected '{_token.Text}' at position {_token.Start + 1}");

    private TemplateException Error(string problem) => new($"{_where}: ${{{_text}}}: {problem}");

    private void Advance()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\uFEFF' or '\u00A0' or '\r' or '\n') _position++;
        var start = _position;
        if (_position == _text.Length)
        {
            _token = (TokenKind.End, "", start);
            return;
        }

        var c = _text[_position];
        if (char.IsAsciiDigit(c))
        {
            while (_position < _text.Length && char.IsAsciiDigit(_text[_position])) _position++;
            if (_position + 1 < _text.Length && _text[_position] == '.' && char.IsAsciiDigit(_text[_position + 1]))
                for (_position++; _position < _text.Length && char.IsAsciiDigit(_text[_position]); _position++) { }
            _token = (TokenKind.Number, _text[start.._position], start);
        }
        else if (char.IsAsciiLetter(c) || c is '_' or '$' or '#' or '@')
        {
            for (_position++; _position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'); _position++) { }
            _token = (TokenKind.Identifier, _text[start.._position], start);
        }
        else if (c is '\'' or '"')
        {
            _token = (TokenKind.String, ReadString(c), start);
        }
        else
        {
            var symbol = Array.Find(Symbols, s => string.CompareOrdinal(_text, _position, s, 0, s.Length) == 0)
                ?? throw Error($"unexpected '{c}' at position {start + 1}");
            _position += symbol.Length;
            _token = (TokenKind.Symbol, symbol, start);
        }
    }

    /// <summary>AEL's string literal: \' (or \") is the quote, then \r \n \t \\ are unescaped, other backslashes stay.</summary>
    private string ReadString(char quote)
    {
        var start = ++_position;
        while (_position < _text.Length && _text[_position] != quote)
            _position += _text[_position] == '\\' && _position + 1 < _text.Length && (_text[_position + 1] == quote || _text[_position + 1] == '\\') ? 2 : 1;
        if (_position >= _text.Length) throw Error("a string is not closed");
        var raw = _text[start.._position++].Replace("\\" + quote, quote.ToString());
        var result = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length && raw[i + 1] is 'r' or 'n' or 't' or '\\')
            {
                result.Append(raw[++i] switch { 'r' => '\r', 'n' => '\n', 't' => '\t', _ => '\\' });
                continue;
            }
            result.Append(raw[i]);
        }
        return result.ToString();
    }
}
