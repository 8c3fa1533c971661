namespace NumbersBot.Bot.Cards.Views;

public sealed record CommandHelp(string Usage, string Text);
