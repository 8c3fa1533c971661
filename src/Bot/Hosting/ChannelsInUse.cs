using NumbersBot.Bot.Channels.Local;
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
        // The local chat counts only when someone turned it on on purpose; it warns about itself.
        var local = LocalChatSettings.From(configuration).Enabled == true;
        if (!teams.Enabled && !slack.Enabled && !local) throw new ConfigurationProblem(NoChannelMessage);
    }
}
