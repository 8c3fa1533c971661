namespace NumbersBot.Bot.Conversation;

/// <summary>What people type, in any channel: numbers [project], approvals, history &lt;number&gt;, help.</summary>
public static class TextCommands
{
    public const string Usage = "`numbers [project]`, `approvals`, `history <number>` or `help`";

    /// <summary>The verb and data a line of text asks for; unknown words get help with what was not understood.</summary>
    public static (string Verb, Dictionary<string, string?> Data) Parse(string? text)
    {
        var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) return (Verbs.Help, new());
        var rest = string.Join(' ', words.Skip(1));
        return words[0].TrimStart('/').ToLowerInvariant() switch
        {
            "numbers" or "number" or "show" => (Verbs.ShowNumbers, new() { [Keys.Project] = rest.Length > 0 ? rest : null }),
            "approvals" or "approval" or "pending" => (Verbs.ShowApprovals, new()),
            "history" => (Verbs.ShowHistory, new() { [Keys.Number] = rest }),
            "help" or "?" => (Verbs.Help, new()),
            _ => (Verbs.Help, new() { ["unknown"] = string.Join(' ', words) }),
        };
    }
}
