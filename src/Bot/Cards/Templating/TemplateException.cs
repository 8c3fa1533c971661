namespace NumbersBot.Bot.Cards.Templating;

/// <summary>A template the engine refuses: bad or unsupported syntax, or an expansion the official engine would also fail.</summary>
public sealed class TemplateException(string message) : Exception(message);
