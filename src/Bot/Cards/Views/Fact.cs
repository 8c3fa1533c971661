namespace NumbersBot.Bot.Cards.Views;

public sealed record Fact(string Title, string Value);
