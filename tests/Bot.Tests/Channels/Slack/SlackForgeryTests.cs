using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Tests.Channels.Slack;

/// <summary>Requests Slack did not sign (or that are not Slack's to make) change nothing and call nothing.</summary>
public class SlackForgeryTests
{
    public static TheoryData<string> Forgeries =>
        ["bad signature", "old timestamp", "future timestamp", "no signature", "no timestamp", "v1 scheme", "body altered", "other secret"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_delete_is_refused_and_nothing_happens(string forgery)
    {
        await using var bot = await SlackBot.StartAsync();
        var sandbox = await bot.NumbersInAsync(AgentEnvironment.Sandbox);
        var (_, delete) = await bot.DeleteConfirmationAsync(sandbox[0]);
        var callsBefore = bot.Slack.Calls.Count;
        var body = DeleteClick(bot, delete);

        using var response = await SendForgedAsync(bot, forgery, body);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("This request is not signed by Slack.", await response.Content.ReadAsStringAsync());
        await bot.SentEverythingAsync();
        Assert.Equal(callsBefore, bot.Slack.Calls.Count);
        Assert.Equal(sandbox, await bot.NumbersInAsync(AgentEnvironment.Sandbox));
    }

    [Fact]
    public async Task The_same_delete_correctly_signed_is_accepted()
    {
        await using var bot = await SlackBot.StartAsync();
        var (_, delete) = await bot.DeleteConfirmationAsync("+14155550101");

        using var response = await bot.SendAsync("/api/slack/interactions", DeleteClick(bot, delete));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await bot.Slack.WaitForAsync(c => c.Method == "response_url:forged");
    }

    [Fact]
    public async Task Without_a_signing_secret_the_endpoints_say_Slack_is_not_set_up()
    {
        await using var bot = await SlackBot.StartAsync(app => app.With("Slack:SigningSecret", "").With("Slack:BotToken", ""));

        using var response = await bot.CommandAsync("");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Slack:SigningSecret is not configured", await response.Content.ReadAsStringAsync());
        Assert.Empty(bot.Slack.Calls);
    }

    [Fact]
    public async Task Slacks_unsigned_ssl_check_is_answered_and_does_nothing_else()
    {
        await using var bot = await SlackBot.StartAsync();

        using var response = await bot.SendRawAsync("/api/slack/commands",
            SlackBot.Form(("ssl_check", "1"), ("token", "x"), ("team_id", SlackBot.Team), ("user_id", SlackBot.Admin), ("text", "")),
            "application/x-www-form-urlencoded", null, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Empty(bot.Slack.Calls);
    }

    [Fact]
    public async Task A_body_larger_than_Slack_sends_is_refused_before_it_is_read()
    {
        await using var bot = await SlackBot.StartAsync();

        using var response = await bot.SendAsync("/api/slack/events", new byte[200 * 1024]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/slack/commands", "team_id=T1&text=", "The payload does not say which team and user sent it.")]
    [InlineData("/api/slack/events", "[1,2]", "The event must be a JSON object.")]
    [InlineData("/api/slack/events", "{\"type\":\"event_callback\"}", "The payload has no 'event_id'.")]
    [InlineData("/api/slack/events", "{\"type\":\"event_callback\",\"event_id\":\"E1\",\"event\":{\"type\":\"app_mention\",\"text\":\"\\ud800\"}}", "The event holds text that is not valid Unicode.")]
    public async Task A_signed_but_malformed_request_gets_a_plain_400(string path, string body, string message)
    {
        await using var bot = await SlackBot.StartAsync();

        using var response = await bot.SendAsync(path, Encoding.UTF8.GetBytes(body),
            path.EndsWith("events", StringComparison.Ordinal) ? "application/json" : "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await response.Content.ReadAsStringAsync());
    }

    private static byte[] DeleteClick(SlackBot bot, JsonObject delete)
    {
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["team"] = new JsonObject { ["id"] = SlackBot.Team },
            ["user"] = new JsonObject { ["id"] = SlackBot.Admin, ["name"] = "admin", ["team_id"] = SlackBot.Team },
            ["trigger_id"] = "t",
            ["response_url"] = bot.Slack.ResponseUrl("forged"),
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = delete["action_id"]!.DeepClone(), ["value"] = delete["value"]!.DeepClone() }),
        };
        return SlackBot.Form(("payload", payload.ToJsonString()));
    }

    private static Task<HttpResponseMessage> SendForgedAsync(SlackBot bot, string forgery, byte[] body)
    {
        const string path = "/api/slack/interactions";
        const string form = "application/x-www-form-urlencoded";
        var now = SlackSigner.Now();
        var past = SlackSigner.Now(TimeSpan.FromSeconds(-301));
        // Well past the 5-minute window: at +301 s a request delayed over a second on a loaded machine fell back inside it.
        var future = SlackSigner.Now(TimeSpan.FromSeconds(360));
        string Sign(string timestamp, byte[] signed) => SlackSigner.Sign(SlackSigner.Secret, timestamp, signed);
        return forgery switch
        {
            "bad signature" => bot.SendRawAsync(path, body, form, now, "v0=" + new string('0', 64)),
            "old timestamp" => bot.SendRawAsync(path, body, form, past, Sign(past, body)),
            "future timestamp" => bot.SendRawAsync(path, body, form, future, Sign(future, body)),
            "no signature" => bot.SendRawAsync(path, body, form, now, null),
            "no timestamp" => bot.SendRawAsync(path, body, form, null, Sign(now, body)),
            "v1 scheme" => bot.SendRawAsync(path, body, form, now, "v1=" + Sign(now, body)[3..]),
            "body altered" => bot.SendRawAsync(path, [.. body, .. "&x=1"u8.ToArray()], form, now, Sign(now, body)),
            "other secret" => bot.SendRawAsync(path, body, form, now, SlackSigner.Sign("not-the-secret", now, body)),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };
    }
}
