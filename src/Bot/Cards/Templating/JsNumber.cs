using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NumbersBot.Bot.Cards.Templating;

/// <summary>Numbers written the way JavaScript and the official engine write them.</summary>
internal static class JsNumber
{
    /// <summary>ECMAScript Number::toString: shortest round-trip digits, exponent outside 1e-7..1e21.</summary>
    public static string ToString(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "Infinity" : "-Infinity";
        if (value == 0) return "0";
        if (value < 0) return "-" + ToString(-value);

        var (digits, n) = ShortestDigits(value);
        var k = digits.Length;
        if (k <= n && n <= 21) return digits + new string('0', n - k);
        if (0 < n && n <= 21) return digits[..n] + "." + digits[n..];
        if (-6 < n && n <= 0) return "0." + new string('0', -n) + digits;
        var exponent = n - 1;
        var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Integers stay integers in the output, as JSON.stringify writes them; NaN and infinities are null.</summary>
    public static void Write(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value)) writer.WriteNullValue();
        else if (Math.Abs(value) <= 9007199254740992d && Math.Floor(value) == value) writer.WriteNumberValue((long)value);
        else writer.WriteNumberValue(value);
    }

    /// <summary>AEL's string(number): d3-format ",.{decimals}f" in the en-US locale (the process locale the check pins).</summary>
    public static string ToEnUsString(double value)
    {
        var text = ToString(value);
        if (!double.IsFinite(value) || text.Contains('e'))
            throw new TemplateException($"string() of {text} is not supported (the official engine's output depends on d3-format's exponent handling)");
        var negative = text.StartsWith('-');
        if (negative) text = text[1..];
        var point = text.IndexOf('.');
        var integer = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "" : text[(point + 1)..];
        if (fraction.Length > 20)
            throw new TemplateException($"string() of {text} is not supported (d3-format rounds beyond 20 decimals)");

        var grouped = new StringBuilder(integer.Length + integer.Length / 3 + fraction.Length + 2);
        if (negative) grouped.Append('\u2212'); // d3-format's minus sign
        for (var i = 0; i < integer.Length; i++)
        {
            if (i > 0 && (integer.Length - i) % 3 == 0) grouped.Append(',');
            grouped.Append(integer[i]);
        }
        if (fraction.Length > 0) grouped.Append('.').Append(fraction);
        return grouped.ToString();
    }

    /// <summary>Digits without leading or trailing zeros, and n such that value = 0.digits × 10^n.</summary>
    private static (string Digits, int N) ShortestDigits(double value)
    {
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOfAny(['E', 'e']);
        var exponent = e < 0 ? 0 : int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? r : r[..e];
        var point = mantissa.IndexOf('.');
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var n = (point < 0 ? mantissa.Length : point) + exponent;
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0') leading++;
        digits = digits[leading..].TrimEnd('0');
        return (digits, n - leading);
    }
}
