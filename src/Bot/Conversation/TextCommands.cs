using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Conversation;

/// <summary>
/// What people type, in any channel: each verb's declared words (one word, or two such as "project new"), and the rest
/// of the line as its argument. Two words are tried first, so "history project Acme" is not the history of a number.
/// </summary>
public static class TextCommands
{
    /// <summary>Where the words that were not understood go, for the help card to repeat.</summary>
    public const string UnknownKey = "unknown";

    private static readonly Dictionary<string, Verb> ByWord = Verbs.Declared
        .SelectMany(v => v.Words.Select(w => (Word: w, Verb: v)))
        .ToDictionary(x => x.Word, x => x.Verb, StringComparer.OrdinalIgnoreCase);

    /// <summary>The verb and data a line of text asks for; unknown words get help with what was not understood.</summary>
    public static (string Verb, Dictionary<string, string?> Data) Parse(string? text)
    {
        var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) return (Verbs.Help, new());
        var used = words.Length > 1 && ByWord.TryGetValue($"{words[0].TrimStart('/')} {words[1]}", out var verb) ? 2
            : ByWord.TryGetValue(words[0].TrimStart('/'), out verb) ? 1
            : 0;
        if (verb is null) return (Verbs.Help, new() { [UnknownKey] = string.Join(' ', words) });
        var rest = string.Join(' ', words.Skip(used));
        var data = new Dictionary<string, string?>();
        if (verb.Argument is { } key) data[key] = rest.Length > 0 ? rest : null;
        return (verb.Name, data);
    }

    public static ConversationRequest Request(Actor actor, string? text)
    {
        var (verb, data) = Parse(text);
        return new ConversationRequest(actor, verb, data);
    }
}
