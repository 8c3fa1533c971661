using System.Text.RegularExpressions;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// The commands a reply suggests (`projects`, `project new &lt;name&gt;`), as they are typed in Slack: after the slash
/// command. Typed bare in a channel they would never reach the bot; /numbers works in channels, mentions and messages alike.
/// </summary>
public static partial class SlackCommandHints
{
    public const string SlashCommand = "/numbers";

    /// <summary>The reply with the commands its text suggests written as Slack users type them.</summary>
    public static Reply ForSlack(Reply reply) => reply.Model switch
    {
        ErrorView error when Typed(error.Message) is var message && !ReferenceEquals(message, error.Message) =>
            reply with { Model = error with { Message = message } },
        ResultView result when Typed(result.Text) is var text && !ReferenceEquals(text, result.Text) =>
            reply with { Model = result with { Text = text } },
        _ => reply,
    };

    /// <summary>Each `command …` in <paramref name="text"/> whose first word is a command becomes `/numbers command …`.</summary>
    public static string Typed(string text) => text.Contains('`') ? Suggested().Replace(text, Slashed) : text;

    private static string Slashed(Match suggestion)
    {
        var (word, rest) = (suggestion.Groups["word"].Value, suggestion.Groups["rest"].Value);
        if (!TextCommands.IsCommandWord(word)) return suggestion.Value;
        // "numbers" is what the slash command does with no word: `/numbers <project>`, not `/numbers numbers <project>`.
        return string.Equals(word, "numbers", StringComparison.OrdinalIgnoreCase) ? $"`{SlashCommand}{rest}`" : $"`{SlashCommand} {word}{rest}`";
    }

    [GeneratedRegex("`(?<word>[A-Za-z][A-Za-z-]*)(?<rest>[^`]*)`")]
    private static partial Regex Suggested();
}
