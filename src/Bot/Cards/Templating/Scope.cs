namespace NumbersBot.Bot.Cards.Templating;

/// <summary>What an expression can see: $root, the current $data and, inside a repeat, $index.</summary>
internal readonly record struct Scope(TemplateValue Root, TemplateValue Data, int? Index)
{
    public Scope WithData(TemplateValue data, int? index) => new(Root, data, index);
}

/// <summary>AEL's { value, error }: an error is a value the official engine reports, not an exception.</summary>
internal readonly record struct EvalResult(TemplateValue Value, string? Error = null)
{
    public static EvalResult Fail(string error, TemplateValue value = default) => new(value, error);
}

/// <summary>Where AEL throws a JavaScript TypeError instead of returning an error (an index into a failed lookup).</summary>
internal sealed class HardEvaluationError(string message) : Exception(message);

[Flags]
internal enum ReturnType { Boolean = 1, Number = 2, Object = 4, String = 8, Array = 16 }
