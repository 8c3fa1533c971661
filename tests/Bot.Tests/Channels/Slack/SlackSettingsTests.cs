using Microsoft.Extensions.Configuration;
using NumbersBot.Bot.Channels.Slack;

namespace NumbersBot.Bot.Tests.Channels.Slack;

public class SlackSettingsTests
{
    [Fact]
    public void Printed_settings_never_show_the_signing_secret_or_the_bot_token()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "8f14e45fceea167a5a36dedd4bea2543", ["Slack:BotToken"] = "xoxb-1-2-secret", ["Slack:ApprovalsChannel"] = "C0APPROVE",
        }).Build();

        var printed = SlackSettings.From(configuration).ToString();

        Assert.DoesNotContain("8f14e45fceea167a5a36dedd4bea2543", printed);
        Assert.DoesNotContain("xoxb-1-2-secret", printed);
        Assert.Contains("SigningSecret = (set), BotToken = (set)", printed);
        Assert.Contains("ApprovalsChannel = C0APPROVE", printed);
    }
}
