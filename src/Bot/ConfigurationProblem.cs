namespace NumbersBot.Bot;

/// <summary>A setting the bot cannot start with; the message is one sentence an operator can act on.</summary>
public sealed class ConfigurationProblem(string message) : Exception(message);
