using System.Text.Json.Nodes;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Channels.Teams;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Tests.Setup;

/// <summary>A new team on Teams only, in Production, from an empty database: every step a signed activity.</summary>
public class TeamsProductionSetupTests
{
    private const string ColleagueObjectId = "cccccccc-0000-0000-0000-000000000003";
    private const string ColleagueUserId = "29:colleague-teams-id";

    [Fact]
    public async Task An_admin_sets_up_a_project_and_a_colleague_adds_a_number_with_its_variant_all_through_Teams()
    {
        await using var bot = await TeamsBot.StartAsync(new Dictionary<string, string?> { ["environment"] = "Production" });

        Assert.Contains("No projects yet. Create the first one.", await AskAsync(bot, "projects"));
        var first = await AskAsync(bot, "numbers");
        Assert.Contains("No projects yet. Create the first one.", first);
        Assert.DoesNotContain("Not found", first);
        Assert.DoesNotContain("Which project?", first);
        Assert.Contains("Created Acme Voice", await AskAsync(bot, "project new Acme Voice"));

        foreach (var environment in AgentEnvironments.All)
        {
            var host = environment.ToString().ToLowerInvariant();
            var form = await ExecuteAsync(bot, "project.sip.form", new JsonObject { ["project"] = "acme-voice", ["environment"] = environment.ToString() });
            Assert.Contains($"{environment.DisplayName()} SIP addresses", form);
            var cardId = $"sip-card-{environment}";
            var progress = await ExecuteAsync(bot, "project.sip", new JsonObject
            {
                ["project"] = "acme-voice", ["environment"] = environment.ToString(),
                ["main"] = $"sip:agent@{host}.acme.example.com", ["fallback"] = $"sip:backup@{host}.acme.example.com",
            }, cardId);
            Assert.Contains($"Saving {environment.DisplayName()}'s SIP addresses", progress);
            await UpdatedAsync(bot, cardId, $"{environment.DisplayName()} now sends calls to sip:agent@{host}.acme.example.com");
        }

        // Until an admin chooses its telephony, `numbers` says so and leads to the project's settings.
        var noTelephony = await AskAsync(bot, "numbers");
        Assert.Contains("No telephony integration", noTelephony);
        Assert.Contains("\"verb\":\"project.show\"", noTelephony.Replace(" ", ""));

        Assert.Contains("Telephony: Platform number pool", await ExecuteAsync(bot, "project.update",
            new JsonObject { ["project"] = "acme-voice", ["name"] = "Acme Voice", ["integration"] = "PlatformPool" }));

        // Teams' people picker answers with the colleague's Entra object id, in the admin's tenant.
        Assert.Contains("now has: Member, Numbers Edit, Variants Read.", await ExecuteAsync(bot, Verbs.GrantAccess, new JsonObject
        {
            [Keys.User] = ColleagueObjectId, [Keys.UserTyped] = "", [Keys.Role] = "Member", [Keys.NumbersAccess] = "Edit", [Keys.VariantsAccess] = "Read",
        }));
        Assert.Contains("New draft variant", await ExecuteAsync(bot, Verbs.CreateVariantForm, new JsonObject { [Keys.Project] = "acme-voice" }));
        Assert.Contains("Added the draft variant London", await ExecuteAsync(bot, Verbs.CreateVariant,
            new JsonObject { [Keys.Project] = "acme-voice", [Keys.Name] = "London" }));
        Assert.Contains("Published version 1 to Sandbox: London.", await ExecuteAsync(bot, Verbs.Publish, new JsonObject { [Keys.Project] = "acme-voice" }));

        var numbers = await AskAsync(bot, "numbers", ColleagueObjectId);
        Assert.Contains("Phone numbers · Acme Voice", numbers);
        var form2 = await ExecuteAsync(bot, "number.add.form", new JsonObject { ["project"] = "acme-voice", ["environment"] = "Sandbox" }, asColleague: true);
        var card = JsonNode.Parse(form2)!;
        var requestKey = Find(card, "requestKey");
        var london = Find(card, "choices", o => o["title"]?.GetValue<string>() == "London", "value");
        await ExecuteAsync(bot, "number.add", new JsonObject
        {
            ["project"] = "acme-voice", ["environment"] = "Sandbox", ["requestKey"] = requestKey, ["country"] = "US", ["areaCode"] = "212", ["variant"] = london,
        }, "add-card", asColleague: true);
        await UpdatedAsync(bot, "add-card", ", variant London");

        await ProductionSteps.AssertSetUpAsync(bot.Services, $"teams:{TeamsBot.Tenant}:{TeamsBot.AdminObjectId}", NumbersBot.Bot.Channels.Teams.TeamsChannel.Name);
        Assert.Contains("Number added · +1 212-555-01", await AskAsync(bot, "history project Acme Voice"));
    }

    /// <summary>A typed message; the bot answers with a new message through the connector.</summary>
    private static async Task<string> AskAsync(TeamsBot bot, string text, string aadObjectId = TeamsBot.AdminObjectId)
    {
        var before = bot.Channel.Calls.Count;
        var message = bot.Message(text, aadObjectId: aadObjectId);
        if (aadObjectId == ColleagueObjectId) message["from"]!["id"] = ColleagueUserId;
        Assert.True((await bot.PostAsync(message)).IsSuccessStatusCode);
        var reply = bot.Channel.Calls.Skip(before).Last(c => c.Method == "POST");
        return TeamsBot.Text(MessageTests.Card(reply));
    }

    /// <summary>A Universal Action; the answer is the card in the invoke response.</summary>
    private static async Task<string> ExecuteAsync(TeamsBot bot, string verb, JsonObject data, string replyToId = "card-1", bool asColleague = false)
    {
        var invoke = asColleague
            ? bot.Execute(verb, data, replyToId, aadObjectId: ColleagueObjectId, userId: ColleagueUserId)
            : bot.Execute(verb, data, replyToId);
        var answer = await UniversalActionTests.Json(await bot.PostAsync(invoke));
        Assert.Equal(200, answer["statusCode"]!.GetValue<int>());
        return TeamsBot.Text(answer["value"]);
    }

    /// <summary>Waits for a slow verb's result to replace its card.</summary>
    private static async Task UpdatedAsync(TeamsBot bot, string cardId, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (bot.Channel.Calls.Any(c => c.Method == "PUT" && c.Path.EndsWith($"/activities/{cardId}", StringComparison.Ordinal)
                    && TeamsBot.Text(c.Body).Contains(expected, StringComparison.Ordinal))) return;
            await Task.Delay(100);
        }
        Assert.Fail($"Card {cardId} was not updated with '{expected}'.");
    }

    private static string Find(JsonNode node, string key, Func<JsonObject, bool>? where = null, string? then = null)
    {
        foreach (var o in All(node))
        {
            if (where is null && o[key] is JsonValue value) return value.GetValue<string>();
            if (where is not null && o[key] is JsonArray array && array.OfType<JsonObject>().FirstOrDefault(where) is { } match) return match[then!]!.GetValue<string>();
        }
        throw new InvalidOperationException($"No '{key}' in the card.");
    }

    private static IEnumerable<JsonObject> All(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => All(p.Value))),
        JsonArray a => a.SelectMany(All),
        _ => [],
    };
}
