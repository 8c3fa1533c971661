using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Tests.Channels.Teams;

/// <summary>
/// Authentic activities (a valid channel token) with mangled bodies: whatever is missing, null, of another type or not
/// valid text, the answer is 2xx or 4xx, never a 5xx (Teams would retry it) and never a stack trace.
/// </summary>
public class MangledActivityTests
{
    private const int MutationsPerSeed = 700;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Every_mangled_activity_is_answered_without_a_server_error(int seed)
    {
        var logs = new Local.CollectedLogs();
        await using var bot = await TeamsBot.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(logs));
        var token = bot.ValidToken();
        var mutations = new JsonMutations(seed);
        var originals = Originals(bot);
        var statuses = new Dictionary<HttpStatusCode, int>();

        for (var i = 0; i < MutationsPerSeed; i++)
        {
            var original = originals[i % originals.Count];
            original["id"] = $"mangled-{seed}-{i}";
            var body = mutations.Mutate(original);

            using var response = await bot.PostRawAsync(body, token);

            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode} for {body}: {text}");
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
        }
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
        // The mutations reach the handlers, not only the parser: most are still activities someone is answered for.
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.OK) > MutationsPerSeed / 3, string.Join(", ", statuses));
    }

    [Theory]
    [InlineData("entities", "[null]")]
    [InlineData("entities", "[{\"type\":\"mention\",\"mentioned\":null,\"text\":null}]")]
    [InlineData("membersAdded", "[null]")]
    [InlineData("membersAdded", "[{\"id\":null}]")]
    [InlineData("text", "42")]
    [InlineData("from", "\"someone\"")]
    public async Task Known_crashes_in_reading_an_activity_are_answered(string field, string json)
    {
        await using var bot = await TeamsBot.StartAsync();
        var message = bot.Message("help");
        message["recipient"] = new JsonObject { ["id"] = TeamsBot.BotAccountId };
        message[field] = JsonNode.Parse(json);
        var update = bot.Activity("conversationUpdate");
        update[field] = JsonNode.Parse(json);

        using var answered = await bot.PostAsync(message);
        using var updated = await bot.PostAsync(update);

        Assert.True(answered.IsSuccessStatusCode || (int)answered.StatusCode is >= 400 and < 500, answered.StatusCode.ToString());
        Assert.True(updated.IsSuccessStatusCode || (int)updated.StatusCode is >= 400 and < 500, updated.StatusCode.ToString());
    }

    [Fact]
    public async Task A_lone_surrogate_in_an_activity_is_a_400()
    {
        await using var bot = await TeamsBot.StartAsync();
        var body = bot.Message("PLACEHOLDER").ToJsonString().Replace("\"PLACEHOLDER\"", JsonMutations.LoneSurrogate, StringComparison.Ordinal);

        using var response = await bot.PostRawAsync(body, bot.ValidToken());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("\"The activity holds text that is not valid Unicode.\"", await response.Content.ReadAsStringAsync());
        Assert.Empty(bot.Channel.Calls);
    }

    private static List<JsonObject> Originals(TeamsBot bot)
    {
        var mention = bot.Message("<at>NumbersBot</at> numbers", conversationType: "groupChat", conversationId: "19:group");
        mention["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention", ["text"] = "<at>NumbersBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = TeamsBot.BotAccountId, ["name"] = "NumbersBot" },
        });
        var submit = bot.Activity("message");
        submit["replyToId"] = "card-1";
        submit["value"] = new JsonObject { ["verb"] = Verbs.ShowNumbers, ["project"] = "demo", ["msteams"] = new JsonObject() };
        var added = bot.Activity("conversationUpdate", "19:team", "channel");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsBot.BotAccountId });
        var installed = bot.Activity("installationUpdate");
        installed["action"] = "add";
        return [bot.Message("numbers"), mention, submit, bot.Execute(Verbs.ShowNumbers, new JsonObject { ["project"] = "demo" }), added, installed];
    }
}
