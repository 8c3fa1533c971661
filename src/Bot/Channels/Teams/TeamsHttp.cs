namespace NumbersBot.Bot.Channels.Teams;

/// <summary>The names of the HTTP clients the Teams channel uses, so hosts and tests can configure each.</summary>
public static class TeamsHttp
{
    public const string Login = "NumbersBot.Teams.Login";
    public const string OpenId = "NumbersBot.Teams.OpenId";
    public const string Connector = "NumbersBot.Teams.Connector";
}
