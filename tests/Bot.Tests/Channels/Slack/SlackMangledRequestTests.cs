using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Tests.Channels.Slack;

/// <summary>
/// Correctly signed Slack requests with mangled bodies: commands and events get 2xx or 4xx, interactions always 200;
/// never a 5xx, never a stack trace, and nothing logged as a failure.
/// </summary>
public class SlackMangledRequestTests
{
    private const int MutationsPerEndpoint = 300;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Every_mangled_signed_request_is_answered_without_a_server_error(int seed)
    {
        var logs = new Local.CollectedLogs();
        await using var bot = await SlackBot.StartAsync(app => app.WithServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        var mutations = new JsonMutations(seed);
        var random = new Random(seed);
        var answered = new Dictionary<string, int>();

        for (var i = 0; i < MutationsPerEndpoint; i++)
        {
            await CheckAsync(bot, "/api/slack/commands", MangledCommand(bot, random), answered, logs);

            var click = Interactions(bot, i)[i % 3];
            await CheckAsync(bot, "/api/slack/interactions", "payload=" + Uri.EscapeDataString(mutations.Mutate(click)), answered, logs);

            await CheckAsync(bot, "/api/slack/events", mutations.Mutate(Mention(i)), answered, logs);
        }
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        Assert.True(answered.GetValueOrDefault("/api/slack/commands 200") > MutationsPerEndpoint / 4, string.Join(", ", answered));
    }

    private static async Task CheckAsync(SlackBot bot, string path, string body, Dictionary<string, int> answered, Local.CollectedLogs logs)
    {
        var failures = logs.Entries.Count(e => e.Level >= LogLevel.Error);
        var json = path.EndsWith("events", StringComparison.Ordinal);
        using var response = await bot.SendAsync(path, Encoding.UTF8.GetBytes(body), json ? "application/json" : "application/x-www-form-urlencoded");
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"HTTP {status} from {path} for {body}: {text}");
        if (path.EndsWith("interactions", StringComparison.Ordinal)) Assert.True(status == 200, $"HTTP {status} from {path} for {body}: {text}");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        if (logs.Entries.Count(e => e.Level >= LogLevel.Error) != failures)
            Assert.Fail($"{path} logged a failure for {body}: {logs.Entries.Last(e => e.Level >= LogLevel.Error).Message}");
        var key = $"{path} {status}";
        answered[key] = answered.GetValueOrDefault(key) + 1;
    }

    private static readonly string[] OddValues =
        ["", "%ED%A0%80", "%FF%FE", "%00", "%C3", new string('x', 5000), "numbers%20%3Cat%3Ex%3C%2Fat%3E", "history", "help%20me", "T1", "%E2%80%8B"];

    /// <summary>A slash command with fields dropped, emptied, repeated or given odd (sometimes invalid UTF-8) text.</summary>
    private static string MangledCommand(SlackBot bot, Random random)
    {
        var fields = new List<(string Name, string Value)>
        {
            ("team_id", SlackBot.Team), ("channel_id", "C1"), ("user_id", SlackBot.Admin), ("user_name", "someone"),
            ("command", "%2Fnumbers"), ("text", "numbers"), ("response_url", Uri.EscapeDataString(bot.Slack.ResponseUrl("command"))),
            ("trigger_id", "t"),
        };
        for (var changes = 1 + random.Next(3); changes > 0; changes--)
        {
            var at = random.Next(fields.Count);
            switch (random.Next(4))
            {
                case 0: fields.RemoveAt(at); break;
                case 1: fields.Add((fields[at].Name, OddValues[random.Next(OddValues.Length)])); break;
                default: fields[at] = (fields[at].Name, OddValues[random.Next(OddValues.Length)]); break;
            }
            if (fields.Count == 0) break;
        }
        return string.Join('&', fields.Select(f => $"{f.Name}={f.Value}"));
    }

    private static JsonObject[] Interactions(SlackBot bot, int i) =>
    [
        Click(bot, Verbs.ShowNumbers, "{\"project\":\"demo\"}", i),
        Click(bot, Verbs.AddNumberForm, "{\"project\":\"demo\",\"environment\":\"sandbox\"}", i),
        new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = SlackBot.Team },
            ["user"] = new JsonObject { ["id"] = SlackBot.Admin, ["team_id"] = SlackBot.Team },
            ["view"] = new JsonObject
            {
                ["callback_id"] = Verbs.CreateVariant, ["private_metadata"] = "{\"project\":\"demo\"}",
                ["state"] = new JsonObject { ["values"] = new JsonObject { ["name"] = new JsonObject { ["name"] = new JsonObject { ["value"] = $"Variant {i}" } } } },
            },
        },
    ];

    private static JsonObject Click(SlackBot bot, string verb, string value, int i) => new()
    {
        ["type"] = "block_actions",
        ["team"] = new JsonObject { ["id"] = SlackBot.Team },
        ["user"] = new JsonObject { ["id"] = SlackBot.Admin, ["name"] = "someone", ["team_id"] = SlackBot.Team },
        ["channel"] = new JsonObject { ["id"] = "C1" },
        ["trigger_id"] = $"trigger-{i}",
        ["response_url"] = bot.Slack.ResponseUrl($"mangled-{i}"),
        ["actions"] = new JsonArray(new JsonObject { ["action_id"] = $"{verb}:1", ["value"] = value, ["type"] = "button" }),
    };

    private static JsonObject Mention(int i) => new()
    {
        ["type"] = "event_callback",
        ["team_id"] = SlackBot.Team,
        ["event_id"] = $"Ev{i}",
        ["event"] = new JsonObject
        {
            ["type"] = "app_mention", ["user"] = SlackBot.Admin, ["channel"] = "C1", ["text"] = "<@UBOT> numbers", ["ts"] = "1700000000.000100",
        },
        ["authorizations"] = new JsonArray(new JsonObject { ["user_id"] = "UBOT", ["is_bot"] = true }),
    };
}
