using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Cards.Views;

public sealed record HelpView(string? Unknown, IReadOnlyList<CommandHelp> Commands)
{
    /// <summary>Every declared verb with a help line, in declaration order.</summary>
    public static HelpView For(string? unknown) => new(unknown, [.. Verbs.Declared.Select(v => v.Help).OfType<CommandHelp>()]);
}
