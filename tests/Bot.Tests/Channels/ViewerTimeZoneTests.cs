using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NumbersBot.Bot.Tests.Channels.Slack;
using NumbersBot.Bot.Tests.Channels.Teams;
using NumbersBot.Bot.Tests.Hosting;

namespace NumbersBot.Bot.Tests.Channels;

/// <summary>
/// Each channel says where its viewer is (Teams localTimezone, Slack users.info tz, the browser's Intl zone) and the audit
/// trail shows times there, with UTC beside them. Asia/Tokyo has no daylight saving, so the two can be checked against each other.
/// </summary>
public class ViewerTimeZoneTests
{
    private const string Tokyo = "Asia/Tokyo";

    [Fact]
    public async Task Teams_history_shows_times_in_the_activitys_localTimezone_with_UTC_beside_them()
    {
        await using var bot = await TeamsBot.StartAsync();
        await bot.PostAsync(bot.Message("project new Acme Voice"));
        var asked = bot.Message("history project Acme Voice");
        asked["localTimezone"] = Tokyo;

        await bot.PostAsync(asked);

        AssertTokyoWithUtc(TeamsBot.Text(MessageTests.Card(bot.Channel.Calls[^1])));
    }

    [Fact]
    public async Task Teams_without_a_localTimezone_shows_UTC()
    {
        await using var bot = await TeamsBot.StartAsync();
        await bot.PostAsync(bot.Message("project new Acme Voice"));

        await bot.PostAsync(bot.Message("history project Acme Voice"));

        var card = TeamsBot.Text(MessageTests.Card(bot.Channel.Calls[^1]));
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d UTC", card);
        Assert.DoesNotContain(Tokyo, card);
    }

    [Fact]
    public async Task Slack_history_shows_times_in_the_users_info_tz_without_another_call_to_Slack()
    {
        await using var bot = await SlackBot.StartAsync();
        bot.Slack.Answer("users.info", new JsonObject
        {
            ["ok"] = true,
            ["user"] = new JsonObject { ["id"] = SlackBot.Admin, ["name"] = "ada", ["tz"] = Tokyo, ["profile"] = new JsonObject { ["display_name"] = "Ada" } },
        });
        await bot.NumbersAsync("project new Acme Voice");

        var history = await bot.NumbersAsync("history project Acme Voice");

        AssertTokyoWithUtc(Blocks.AllText(history));
        // users.info is asked once for the name and the zone, and remembered for the next turn.
        Assert.Single(bot.Slack.Calls, c => c.Method == "users.info");
    }

    [Fact]
    public async Task The_local_chat_shows_times_in_the_zone_the_browser_sends()
    {
        using var app = new NumbersBotApp();
        await PostAsync(app, new { user = "local:alice", text = "project new Acme Voice" });

        var history = await PostAsync(app, new { user = "local:alice", text = "history project Acme Voice", timeZone = Tokyo });

        AssertTokyoWithUtc(history["card"]!.ToJsonString());
    }

    [Fact]
    public async Task A_Live_deletion_request_says_until_when_in_the_viewers_zone()
    {
        using var app = new NumbersBotApp();
        var numbers = await PostAsync(app, new { user = "local:carol", text = "numbers" });
        var live = Actions(numbers["card"]!).Last(a => a["verb"]?.GetValue<string>() == "number.delete");
        var confirm = await ActAsync(app, "local:carol", "number.delete", live["data"]!);
        var confirmed = Actions(confirm["card"]!).Single(a => a["verb"]?.GetValue<string>() == "number.delete.confirm");

        var requested = await ActAsync(app, "local:carol", "number.delete.confirm", confirmed["data"]!, Tokyo);

        var card = requested["card"]!.ToJsonString();
        Assert.Contains("Waiting for approval until", card);
        AssertTokyoWithUtc(card);
        var approvals = await PostAsync(app, new { user = "local:bob", text = "approvals", timeZone = Tokyo });
        AssertTokyoWithUtc(approvals["card"]!.ToJsonString());
    }

    /// <summary>A time such as "2026-11-28 08:30 Asia/Tokyo (2026-11-27 23:30 UTC)", whose two halves agree.</summary>
    private static void AssertTokyoWithUtc(string text)
    {
        var shown = Regex.Match(text, @"(\d{4}-\d\d-\d\d \d\d:\d\d) Asia/Tokyo \(((?:\d{4}-\d\d-\d\d )?\d\d:\d\d) UTC\)");
        Assert.True(shown.Success, $"No Tokyo time with UTC beside it in: {text}");
        var local = DateTime.ParseExact(shown.Groups[1].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var utc = local.AddHours(-9);
        Assert.Equal(utc.Date == local.Date ? utc.ToString("HH:mm", CultureInfo.InvariantCulture) : utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            shown.Groups[2].Value);
    }

    private static async Task<JsonObject> ActAsync(NumbersBotApp app, string user, string verb, JsonNode data, string? timeZone = null)
    {
        using var response = await app.CreateClient().PostAsJsonAsync("/api/local/actions",
            new JsonObject { ["user"] = user, ["verb"] = verb, ["data"] = data.DeepClone(), ["timeZone"] = timeZone });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static IEnumerable<JsonObject> Actions(JsonNode? node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).SelectMany(Actions).Prepend(o).Where(a => a["type"]?.GetValue<string>() == "Action.Execute"),
        JsonArray a => a.SelectMany(Actions),
        _ => [],
    };

    private static async Task<JsonObject> PostAsync(NumbersBotApp app, object body)
    {
        using var response = await app.CreateClient().PostAsJsonAsync("/api/local/messages", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
