using NumbersBot.Bot.Cards.Views;

namespace NumbersBot.Bot.Conversation;

/// <summary>The help card: every declared verb's help line, and what was not understood.</summary>
public sealed class HelpVerbs
{
    public const string Name = "help";

    public static IReadOnlyList<Verb> Declarations { get; } =
    [
        Verb.Of<HelpVerbs>(Name, v => v.ShowAsync) with { Help = new("help", "This list."), Words = ["help", "?"] },
    ];

    public Task<Reply> ShowAsync(ConversationRequest request, CancellationToken ct) =>
        Task.FromResult(new Reply(ViewNames.Help, HelpView.For(request.Optional(TextCommands.UnknownKey)), ReplacesCard: false));
}
