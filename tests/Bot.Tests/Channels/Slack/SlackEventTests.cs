using System.Net;
using System.Text.Json.Nodes;

namespace NumbersBot.Bot.Tests.Channels.Slack;

public class SlackEventTests
{
    [Fact]
    public async Task The_url_check_is_answered_with_its_challenge()
    {
        await using var bot = await SlackBot.StartAsync();

        using var response = await bot.EventAsync(new JsonObject { ["type"] = "url_verification", ["token"] = "x", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["challenge"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_mention_is_answered_to_the_person_in_the_channel()
    {
        await using var bot = await SlackBot.StartAsync();

        using var response = await bot.EventAsync(Mention("Ev1", "<@UBOT> numbers demo"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await bot.Slack.WaitForAsync(c => c.Method == "chat.postEphemeral");
        Assert.Equal("C1", answer.Body["channel"]!.GetValue<string>());
        Assert.Equal(SlackBot.Admin, answer.Body["user"]!.GetValue<string>());
        Assert.Contains("Phone numbers · Demo Agent", Blocks.AllText(answer.Body));
    }

    [Fact]
    public async Task A_mention_answer_is_written_down_before_the_event_is_acknowledged()
    {
        await using var bot = await SlackBot.StartAsync();
        var held = bot.Slack.HoldNext("chat.postEphemeral");

        using var response = await bot.EventAsync(Mention("Ev0", "<@UBOT> numbers demo"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(bot.App.Folder, "numbers.db")};Mode=ReadOnly;Pooling=False"))
        {
            var row = await Dapper.SqlMapper.QuerySingleAsync<(string Method, string State)>(db, "SELECT method, state FROM slack_outbox");
            Assert.Equal(("chat.postEphemeral", "Sending"), row);
        }
        Assert.Contains("Phone numbers · Demo Agent", Blocks.AllText((await held.WaitAsync(TimeSpan.FromSeconds(15))).Body));
        bot.Slack.ReleaseHeld();
    }

    [Fact]
    public async Task A_retried_event_has_one_effect()
    {
        await using var bot = await SlackBot.StartAsync();

        using var first = await bot.EventAsync(Mention("Ev2", "<@UBOT> approvals"));
        using var retry = await bot.EventAsync(Mention("Ev2", "<@UBOT> approvals"), retry: 1);
        using var again = await bot.EventAsync(Mention("Ev2", "<@UBOT> approvals"), retry: 2);

        Assert.All(new[] { first, retry, again }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await bot.Slack.WaitForAsync(c => c.Method == "chat.postEphemeral");
        await bot.SentEverythingAsync();
        Assert.Single(bot.Slack.Calls, c => c.Method == "chat.postEphemeral");
    }

    [Fact]
    public async Task A_direct_message_is_answered_in_the_conversation()
    {
        await using var bot = await SlackBot.StartAsync();

        await bot.EventAsync(Direct("Ev3", new JsonObject { ["user"] = SlackBot.Admin, ["text"] = "help" }));

        var answer = await bot.Slack.WaitForAsync(c => c.Method == "chat.postMessage");
        Assert.Equal("D1", answer.Body["channel"]!.GetValue<string>());
        Assert.Contains("NumbersBot", Blocks.AllText(answer.Body));
    }

    [Theory]
    [InlineData("bot_id")]
    [InlineData("bot_message")]
    [InlineData("own user")]
    [InlineData("edited")]
    public async Task The_bots_own_messages_and_other_bots_are_ignored(string kind)
    {
        await using var bot = await SlackBot.StartAsync();
        var message = new JsonObject { ["user"] = kind == "own user" ? "UBOT" : SlackBot.Admin, ["text"] = "help" };
        if (kind == "bot_id") message["bot_id"] = "B1";
        if (kind == "bot_message") message["subtype"] = "bot_message";
        if (kind == "edited") message["subtype"] = "message_changed";

        using var response = await bot.EventAsync(Direct("Ev4", message));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await bot.SentEverythingAsync();
        Assert.Empty(bot.Slack.Calls);
    }

    internal static JsonObject Mention(string eventId, string text) => Callback(eventId, new JsonObject
    {
        ["type"] = "app_mention", ["user"] = SlackBot.Admin, ["text"] = text, ["ts"] = "1700000000.000300", ["channel"] = "C1",
        ["event_ts"] = "1700000000.000300",
    });

    private static JsonObject Direct(string eventId, JsonObject message)
    {
        message["type"] = "message";
        message["channel"] = "D1";
        message["channel_type"] = "im";
        message["ts"] = "1700000000.000400";
        return Callback(eventId, message);
    }

    private static JsonObject Callback(string eventId, JsonObject item) => new()
    {
        ["token"] = "legacy", ["team_id"] = SlackBot.Team, ["api_app_id"] = "A1", ["type"] = "event_callback",
        ["event_id"] = eventId, ["event_time"] = 1700000000, ["event"] = item,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = SlackBot.Team, ["user_id"] = "UBOT", ["is_bot"] = true }),
    };
}
