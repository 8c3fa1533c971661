using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Tests.Channels.Teams;

public class UniversalActionTests
{
    [Fact]
    public async Task An_action_is_answered_with_the_updated_card_in_the_invoke_response_and_the_message_updated_for_everyone()
    {
        await using var bot = await TeamsBot.StartAsync();
        var (number, display, _) = await FirstDeleteButtonAsync(bot);

        var response = await bot.PostAsync(bot.Execute("number.delete.confirm", number, replyToId: "card-7"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Json(response);
        Assert.Equal(200, answer["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", answer["type"]!.GetValue<string>());
        Assert.Contains($"Deleted {display}", TeamsBot.Text(answer["value"]!));
        Assert.Equal([TeamsBot.AdminUserId], answer["value"]!["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()));
        var update = bot.Channel.Calls.Last();
        Assert.Equal("PUT", update.Method);
        Assert.Equal($"v3/conversations/{Uri.EscapeDataString(TeamsBot.PersonalChat)}/activities/card-7", update.Path);
        Assert.Contains($"Deleted {display}", TeamsBot.Text(update.Body!));
    }

    [Fact]
    public async Task A_redelivered_action_acts_once_and_shows_the_current_card()
    {
        await using var bot = await TeamsBot.StartAsync();
        var (number, display, e164) = await FirstDeleteButtonAsync(bot);
        var invoke = bot.Execute("number.delete.confirm", number);

        await bot.PostAsync(invoke);
        var again = await Json(await bot.PostAsync(invoke));

        Assert.Equal(200, again["statusCode"]!.GetValue<int>());
        Assert.Contains("acted on once", TeamsBot.Text(again["value"]!));
        Assert.DoesNotContain(display, TeamsBot.Text(again["value"]!));
        await using var scope = bot.Services.CreateAsyncScope();
        var history = await scope.ServiceProvider.GetRequiredService<IAuditTrail>().ForNumberAsync(e164, CancellationToken.None);
        Assert.Single(history, entry => entry.Action == AuditActions.NumberDeleted);
    }

    [Fact]
    public async Task A_refresh_renders_the_card_for_whoever_is_looking()
    {
        await using var bot = await TeamsBot.StartAsync();
        var data = new JsonObject { ["project"] = "demo", ["teams.notice"] = "Deleted +1 415-555-0101.", ["teams.noticeStyle"] = "good" };

        var admin = await Json(await bot.PostAsync(bot.Execute("numbers.show", data.DeepClone().AsObject(), trigger: "automatic")));
        var stranger = await Json(await bot.PostAsync(bot.Execute("numbers.show", data.DeepClone().AsObject(), trigger: "automatic",
            aadObjectId: TeamsBot.StrangerObjectId, userId: TeamsBot.StrangerUserId)));

        Assert.Contains("number.delete", TeamsBot.Text(admin["value"]!));
        Assert.Contains("Deleted +1 415-555-0101.", TeamsBot.Text(admin["value"]!));
        Assert.Contains("Not allowed", TeamsBot.Text(stranger["value"]!));
        Assert.DoesNotContain("number.delete", TeamsBot.Text(stranger["value"]!));
        Assert.Empty(bot.Channel.Calls);
    }

    [Theory]
    [InlineData("""{"trigger":"manual"}""")]
    [InlineData("""{"action":{"type":"Action.Submit","verb":"numbers.show"}}""")]
    [InlineData("""{"action":{"type":"Action.Execute","data":{}}}""")]
    public async Task A_malformed_action_gets_the_protocols_bad_request_answer(string value)
    {
        await using var bot = await TeamsBot.StartAsync();
        var invoke = bot.Execute("numbers.show", []);
        invoke["value"] = JsonNode.Parse(value);

        var response = await bot.PostAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Json(response);
        Assert.Equal(400, answer["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", answer["type"]!.GetValue<string>());
        Assert.Equal("BadRequest", answer["value"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_answer_that_is_not_the_cards_new_state_arrives_as_a_message_of_its_own()
    {
        await using var bot = await TeamsBot.StartAsync();

        var answer = await Json(await bot.PostAsync(bot.Execute("history.show", new JsonObject { ["number"] = "+447700900101" }, replyToId: "card-3")));

        Assert.Equal("application/vnd.microsoft.activity.message", answer["type"]!.GetValue<string>());
        var call = Assert.Single(bot.Channel.Calls);
        Assert.Equal("POST", call.Method);
        Assert.EndsWith("/activities/card-3", call.Path);
        Assert.Contains("+44 7700 900101", TeamsBot.Text(call.Body!));
    }

    [Fact]
    public async Task The_submit_fallback_updates_the_original_card_with_put()
    {
        await using var bot = await TeamsBot.StartAsync();
        var submit = bot.Message("");
        submit.Remove("text");
        submit["replyToId"] = "card-42";
        submit["value"] = new JsonObject { ["verb"] = "numbers.show", ["project"] = "demo", ["msteams"] = new JsonObject { ["type"] = "messageBack" } };

        var response = await bot.PostAsync(submit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(bot.Channel.Calls);
        Assert.Equal("PUT", call.Method);
        Assert.Equal($"v3/conversations/{Uri.EscapeDataString(TeamsBot.PersonalChat)}/activities/card-42", call.Path);
        Assert.Equal("card-42", call.Body!["id"]!.GetValue<string>());
        Assert.Contains("Phone numbers · Demo Agent", TeamsBot.Text(MessageTests.Card(call)));
    }

    [Fact]
    public async Task A_redelivered_submit_acts_once_and_puts_the_current_card_in_its_place()
    {
        await using var bot = await TeamsBot.StartAsync();
        var (number, display, e164) = await FirstDeleteButtonAsync(bot);
        var submit = bot.Message("");
        submit.Remove("text");
        submit["replyToId"] = "card-43";
        number["verb"] = "number.delete.confirm";
        submit["value"] = number;

        await bot.PostAsync(submit);
        await bot.PostAsync(submit);

        var puts = bot.Channel.Calls.Where(c => c.Method == "PUT").ToList();
        Assert.Equal(2, puts.Count);
        Assert.Contains($"Deleted {display}", TeamsBot.Text(puts[0].Body!));
        Assert.Contains("acted on once", TeamsBot.Text(puts[1].Body!));
        await using var scope = bot.Services.CreateAsyncScope();
        var history = await scope.ServiceProvider.GetRequiredService<IAuditTrail>().ForNumberAsync(e164, CancellationToken.None);
        Assert.Single(history, entry => entry.Action == AuditActions.NumberDeleted);
    }

    /// <summary>The data of the first Delete button on the admin's numbers card (a Sandbox number), and which number it is.</summary>
    private static async Task<(JsonObject Data, string Display, string E164)> FirstDeleteButtonAsync(TeamsBot bot)
    {
        var answer = await Json(await bot.PostAsync(bot.Execute("numbers.show", new JsonObject { ["project"] = "demo" })));
        var action = Find(answer["value"]!, "number.delete") ?? throw new InvalidOperationException($"No delete button in {answer}");
        var data = action["data"]!.DeepClone().AsObject();
        await using var scope = bot.Services.CreateAsyncScope();
        var number = await scope.ServiceProvider.GetRequiredService<INumberRepository>()
            .FindAsync(Guid.Parse(data["numberId"]!.GetValue<string>()), CancellationToken.None);
        return (data, number!.Number.Display, number.Number.E164);
    }

    private static JsonNode? Find(JsonNode node, string verb) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "Action.Execute" && o["verb"]?.GetValue<string>() == verb => o,
        JsonObject o => o.Select(p => p.Value is null ? null : Find(p.Value, verb)).FirstOrDefault(found => found is not null),
        JsonArray a => a.Select(item => item is null ? null : Find(item, verb)).FirstOrDefault(found => found is not null),
        _ => null,
    };

    internal static async Task<JsonObject> Json(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
