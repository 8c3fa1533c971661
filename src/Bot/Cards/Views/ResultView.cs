namespace NumbersBot.Bot.Cards.Views;

/// <summary>A finished action: what changed, by whom, when. Style: good, attention, or accent for work in progress.</summary>
public sealed record ResultView(ProjectRef? Project, string Title, string Text, IReadOnlyList<Fact> Facts, string Style);
