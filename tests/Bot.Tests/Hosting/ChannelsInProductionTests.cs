using System.Net;
using Microsoft.Extensions.Configuration;
using NumbersBot.Bot.Channels.Teams;

namespace NumbersBot.Bot.Tests.Hosting;

public class ChannelsInProductionTests
{
    [Fact]
    public async Task A_slack_only_deployment_starts_in_production_and_teams_answers_503_with_a_sentence()
    {
        await using var bot = BotProcess.Start("Production", ("Slack__SigningSecret", "signing-secret"), ("Slack__BotToken", "xoxb-test"));
        using var http = new HttpClient { BaseAddress = await bot.ListeningAsync() };

        Assert.Equal("Healthy", await http.GetStringAsync("/healthz"));
        Assert.Equal(NumbersBot.Bot.Channels.Local.LocalChat.NoChatPage, await http.GetStringAsync("/"));
        using var teams = await http.PostAsync(TeamsChannel.MessagesPath, new StringContent("{\"type\":\"message\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, teams.StatusCode);
        Assert.Contains("MicrosoftAppId is not configured", await teams.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Production_start_up_says_what_it_serves_and_warns_that_simulated_telephony_buys_nothing()
    {
        await using var bot = BotProcess.Start("Production", ("Slack__SigningSecret", "signing-secret"), ("Slack__BotToken", "xoxb-test"),
            ("Access__Admins", "slack:T1:UADMIN"));

        var summary = await bot.SaysAsync("NumbersBot serves");

        Assert.Contains("NumbersBot serves Slack with Simulated telephony on the SQLite database at", summary);
        Assert.Contains("with 1 configured admin(s)", summary);
        await bot.SaysAsync(NumbersBot.Bot.Hosting.StartupSummary.SimulatedInProduction);
    }

    [Fact]
    public async Task A_teams_only_deployment_starts_in_production_and_slack_answers_503()
    {
        await using var bot = BotProcess.Start("Production",
            ("MicrosoftAppId", "11111111-2222-3333-4444-555555555555"), ("MicrosoftAppPassword", "secret"));
        using var http = new HttpClient { BaseAddress = await bot.ListeningAsync() };

        using var slack = await http.PostAsync("/api/slack/commands", new StringContent("text=numbers"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, slack.StatusCode);
        using var teams = await http.PostAsync(TeamsChannel.MessagesPath, new StringContent("{\"type\":\"message\"}"));
        Assert.Equal(HttpStatusCode.Unauthorized, teams.StatusCode);
    }

    [Theory]
    [InlineData("Production", new string[0], "Neither Teams (MicrosoftAppId, MicrosoftAppPassword) nor Slack")]
    [InlineData("Staging", new string[0], "Neither Teams (MicrosoftAppId, MicrosoftAppPassword) nor Slack")]
    [InlineData("Production", new[] { "Slack__BotToken=xoxb-test" }, "Slack:BotToken is set but Slack:SigningSecret is not")]
    [InlineData("Production", new[] { "MicrosoftAppId=app", "Slack__SigningSecret=s" }, "MicrosoftAppPassword is not set")]
    public async Task Start_up_is_refused_for_no_channel_or_a_half_configured_one(string environment, string[] settings, string expected)
    {
        await using var bot = BotProcess.Start(environment, settings.Select(s => (s.Split('=')[0], s.Split('=')[1])).ToArray());
        var (exitCode, stderr) = await bot.ExitAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains($"NumbersBot cannot start: {expected}", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Development_with_no_channel_starts_and_teams_accepts_activities_without_a_token()
    {
        await using var bot = BotProcess.Start("Development", ("Demo__Seed", "false"));
        using var http = new HttpClient { BaseAddress = await bot.ListeningAsync() };

        using var teams = await http.PostAsync(TeamsChannel.MessagesPath, new StringContent("{\"type\":\"typing\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, teams.StatusCode);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Teams_without_an_app_id_is_open_only_in_development(bool isDevelopment, bool enabled)
    {
        var settings = TeamsSettings.From(new ConfigurationBuilder().Build(), isDevelopment);

        Assert.Equal(enabled, settings.Enabled);
        Assert.False(settings.AuthenticationEnabled);
    }
}
