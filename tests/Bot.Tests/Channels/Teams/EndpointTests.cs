using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NumbersBot.Bot.Tests.Hosting;

namespace NumbersBot.Bot.Tests.Channels.Teams;

public class EndpointTests
{
    [Theory]
    [InlineData("{\"type\": \"message\", ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("null")]
    [InlineData("{\"type\": 42}")]
    public async Task A_body_that_is_not_an_activity_gets_400(string body)
    {
        await using var bot = await TeamsBot.StartAsync();

        var response = await bot.PostRawAsync(body, bot.ValidToken());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
        Assert.Empty(bot.Channel.Calls);
    }

    [Fact]
    public async Task A_body_over_256_KB_gets_413()
    {
        await using var bot = await TeamsBot.StartAsync();
        var message = bot.Message("numbers " + new string('x', 300 * 1024));

        var response = await bot.PostAsync(message);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(bot.Channel.Calls);
    }

    [Fact]
    public async Task With_no_signing_keys_to_be_had_an_authentic_looking_request_gets_503_so_the_channel_retries()
    {
        // Nothing listens on port 9: neither a fresh nor a cached key set exists, which is not the sender's fault.
        await using var bot = await TeamsBot.StartAsync(new Dictionary<string, string?>
        {
            ["ToBotFromChannelOpenIdMetadataUrl"] = "http://127.0.0.1:9/.well-known/openidconfiguration",
        });

        var response = await bot.PostAsync(bot.Message("numbers"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(bot.Channel.Calls);
    }

    [Fact]
    public async Task An_activity_type_the_bot_has_no_use_for_is_acknowledged_and_ignored()
    {
        await using var bot = await TeamsBot.StartAsync();

        var response = await bot.PostAsync(bot.Activity("messageReaction"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(bot.Channel.Calls);
    }

    [Fact]
    public async Task A_message_without_a_conversation_gets_400()
    {
        await using var bot = await TeamsBot.StartAsync();
        var message = bot.Message("help");
        message.Remove("conversation");

        Assert.Equal(HttpStatusCode.BadRequest, (await bot.PostAsync(message)).StatusCode);
    }

    [Fact]
    public async Task A_connector_that_cannot_be_reached_is_logged_and_the_activity_still_answered_200()
    {
        var logs = new Local.CollectedLogs();
        await using var bot = await TeamsBot.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(logs));
        const string nowhere = "http://127.0.0.1:9/teams/";
        var message = bot.Message("help");
        message["serviceUrl"] = nowhere;

        var response = await bot.PostAsync(message, ChannelTokens.Channel(bot.ChannelKey, TeamsBot.AppId, nowhere));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith($"Could not answer message activity {message["id"]}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reply_the_connector_refuses_is_logged_and_the_activity_still_answered_200()
    {
        var logs = new Local.CollectedLogs();
        await using var bot = await TeamsBot.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(logs));
        bot.Channel.FailNext(HttpStatusCode.Forbidden, "MessageWritesBlocked");
        var message = bot.Message("help");

        var response = await bot.PostAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(bot.Channel.Calls, c => c.Method == "POST");
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith($"Could not answer message activity {message["id"]}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_app_id_in_development_activities_are_taken_without_a_token()
    {
        await using var channel = await FakeBotFramework.StartAsync();
        using var app = new NumbersBotApp();
        using var http = app.CreateClient();
        var message = new JsonObject
        {
            ["type"] = "message", ["id"] = "m-1", ["channelId"] = "msteams", ["serviceUrl"] = channel.ServiceUrl, ["text"] = "help",
            ["from"] = new JsonObject { ["id"] = "29:dev", ["name"] = "Dev", ["aadObjectId"] = "00000000-0000-0000-0000-00000000000d" },
            ["recipient"] = new JsonObject { ["id"] = "28:playground" },
            ["conversation"] = new JsonObject { ["id"] = "a:dev-chat", ["conversationType"] = "personal" },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "dev-tenant" } },
        };

        var response = await http.PostAsync("/api/messages", new StringContent(message.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(channel.Calls);
        Assert.Null(call.Authorization);
    }
}
