namespace NumbersBot.Bot.Cards.Views;

public sealed record HistoryEntryView(string At, string Who, string Channel, string Action, string? Before, string? After);
