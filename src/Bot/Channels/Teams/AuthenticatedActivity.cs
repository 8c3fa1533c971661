namespace NumbersBot.Bot.Channels.Teams;

/// <summary>The activity a request carried, once <see cref="BotFrameworkAuthentication"/> let it through.</summary>
public sealed record AuthenticatedActivity(Activity Activity, bool Authenticated);
