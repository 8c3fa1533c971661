using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Channels.Teams;

namespace NumbersBot.Bot.Hosting;

/// <summary>Each channel is on when configured; a bot no channel can reach is refused outside Development.</summary>
public static class ChannelsInUse
{
    public const string NoChannelMessage =
        "Neither Teams (MicrosoftAppId, MicrosoftAppPassword) nor Slack (Slack:SigningSecret, Slack:BotToken) is configured, so nobody could reach NumbersBot; configure at least one (docs/teams.md, docs/slack.md).";

    public static void Require(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment()) return;
        var teams = TeamsSettings.From(configuration, isDevelopment: false);
        var slack = SlackSettings.From(configuration);
        if (!teams.Enabled && !slack.Enabled) throw new ConfigurationProblem(NoChannelMessage);
    }
}
