using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Tests.Channels.Local;

namespace NumbersBot.Bot.Tests.Channels.Slack;

public class SlackApiTests
{
    [Fact]
    public async Task A_429_is_waited_out_for_its_Retry_After_and_the_call_goes_through()
    {
        await using var bot = await SlackBot.StartAsync();
        bot.Slack.RateLimit("chat.postEphemeral", times: 1, retryAfterSeconds: 1);

        var clock = Stopwatch.StartNew();
        await bot.EventAsync(SlackEventTests.Mention("Ev429", "<@UBOT> help"));
        await bot.Slack.WaitForAsync(c => c.Method == "chat.postEphemeral" && bot.Slack.Calls.Count(x => x.Method == "chat.postEphemeral") == 2);

        var attempts = bot.Slack.Calls.Where(c => c.Method == "chat.postEphemeral").ToList();
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(0.9), $"retried after {(attempts[1].At - attempts[0].At).TotalMilliseconds:0} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Slack_that_keeps_answering_429_is_tried_a_bounded_number_of_times()
    {
        await using var bot = await SlackBot.StartAsync();
        bot.Slack.RateLimit("chat.update", times: 10, retryAfterSeconds: 0);
        var api = bot.App.Services.GetRequiredService<SlackApi>();

        var result = await api.CallAsync("chat.update", new JsonObject { ["channel"] = "C1", ["ts"] = "1" }, default);

        Assert.False(result.Ok);
        Assert.Equal("http_429", result.Error);
        Assert.Equal(SlackApi.MaxAttempts, bot.Slack.Calls.Count(c => c.Method == "chat.update"));
    }

    [Fact]
    public async Task Calls_carry_the_bot_token_and_ok_false_is_logged_with_the_method()
    {
        var logs = new CollectedLogs();
        await using var bot = await SlackBot.StartAsync(app => app.WithServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        bot.Slack.Answer("chat.postMessage", new JsonObject { ["ok"] = false, ["error"] = "channel_not_found" });
        var api = bot.App.Services.GetRequiredService<SlackApi>();

        var result = await api.CallAsync("chat.postMessage", new JsonObject { ["channel"] = "C404", ["text"] = "hi" }, default);

        Assert.Equal(new SlackApiResult(false, "channel_not_found", result.Body), result);
        Assert.Equal("Bearer xoxb-test", bot.Slack.Calls.Single().Authorization);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message == "Slack chat.postMessage answered ok=false: channel_not_found");
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("xoxb-test") || e.Message.Contains(SlackSigner.Secret));
    }
}
