using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Conversation.Deferred;
using NumbersBot.Bot.Tests.Conversation;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Tests.Channels.Slack;

public class SlackModalTests
{
    [Fact]
    public async Task Add_number_opens_the_form_as_a_modal_from_the_click()
    {
        await using var bot = await SlackBot.StartAsync();

        var modal = await OpenAddFormAsync(bot, "Sandbox", "list");

        Assert.Equal("modal", modal["type"]!.GetValue<string>());
        Assert.Equal(Verbs.AddNumber, modal["callback_id"]!.GetValue<string>());
        var metadata = JsonNode.Parse(modal["private_metadata"]!.GetValue<string>())!;
        Assert.Equal("demo", metadata["project"]!.GetValue<string>());
        Assert.Equal("Sandbox", metadata["environment"]!.GetValue<string>());
        Assert.Equal(bot.Slack.ResponseUrl("list"), metadata["responseUrl"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(metadata["requestKey"]!.GetValue<string>()));
        Assert.Equal(["country", "areaCode", "variant", "number"],
            modal["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "input").Select(b => b!["block_id"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("US", "41", null, "areaCode", null)]
    [InlineData("US", "115", null, "areaCode", null)]
    [InlineData("UK", "415", null, "areaCode", null)]
    [InlineData("UK", null, "4155550123", "number", null)]
    [InlineData("UK", "212", "+14155550123", "areaCode", "Leave the area code empty to connect a number you already have, or clear the number below to buy one.")]
    public async Task Bad_input_is_shown_under_its_field_and_nothing_is_bought(string country, string? areaCode, string? number, string field, string? error)
    {
        // The very words the domain uses, whichever channel asks.
        error ??= (number is null
            ? Record.Exception(() => AreaCode.ParseFor(Countries.Parse(country), areaCode))
            : Record.Exception(() => PhoneNumber.ParseE164(number)))!.Message;
        await using var bot = await SlackBot.StartAsync();
        var modal = await OpenAddFormAsync(bot, "Sandbox", "list");
        var callsBefore = bot.Slack.Calls.Count;

        using var response = await bot.SubmitAsync(modal, AddValues(country, areaCode, number));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", answer["response_action"]!.GetValue<string>());
        Assert.Equal(error, answer["errors"]![field]!.GetValue<string>());
        await bot.SentEverythingAsync();
        Assert.Equal(callsBefore, bot.Slack.Calls.Count);
        Assert.Equal(2, (await bot.NumbersInAsync(AgentEnvironment.Sandbox)).Count);
        await using var scope = bot.App.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<IDeferredReplyQueue>().DueAsync(DateTimeOffset.UtcNow.AddHours(1), 10, default));
    }

    [Fact]
    public async Task A_good_submission_closes_the_modal_shows_progress_then_the_bought_number()
    {
        await using var bot = await SlackBot.StartAsync();
        var modal = await OpenAddFormAsync(bot, "Sandbox", "list");

        using var response = await bot.SubmitAsync(modal, AddValues("US", "212", null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var progress = await bot.Slack.WaitForAsync(c => c.Method == "response_url:list");
        Assert.True(progress.Body["replace_original"]!.GetValue<bool>());
        Assert.Contains("Buying a US number for Sandbox", Blocks.AllText(progress.Body));
        var result = await bot.Slack.WaitForAsync(c => c.Method == "response_url:list" && Blocks.AllText(c.Body).Contains("Added +1 212-555-01"), TimeSpan.FromSeconds(30));
        Assert.True(result.At >= progress.At);
        Assert.Contains(await bot.NumbersInAsync(AgentEnvironment.Sandbox), n => n.StartsWith("+1212555", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_progress_replaces_the_message_before_the_work_is_stored()
    {
        var deferred = new GatedDeferredReplies();
        await using var bot = await SlackBot.StartAsync(app => app.WithServices(s => s.AddSingleton<IDeferredReplies>(deferred)));
        var modal = await OpenAddFormAsync(bot, "Sandbox", "list");

        var submitted = bot.SubmitAsync(modal, AddValues("US", "212", null));
        var (request, address, _) = await deferred.Entered;
        var shownBeforeStoring = bot.Slack.Calls.Where(c => c.Method == "response_url:list").ToList();
        deferred.Open();
        using var response = await submitted;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Buying a US number for Sandbox", Blocks.AllText(Assert.Single(shownBeforeStoring).Body));
        Assert.Equal(Verbs.AddNumber, request.Verb);
        Assert.Equal(bot.Slack.ResponseUrl("list"), JsonNode.Parse(address.Json)!["response_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_form_submitted_twice_buys_one_number()
    {
        await using var bot = await SlackBot.StartAsync();
        var modal = await OpenAddFormAsync(bot, "PreRelease", "list");

        await bot.SubmitAsync(modal, AddValues("US", "212", null));
        await bot.SubmitAsync(modal, AddValues("US", "212", null));

        await bot.Slack.WaitForAsync(c => Blocks.AllText(c.Body).Contains("nothing more was bought"), TimeSpan.FromSeconds(30));
        // The second answer may come while the first purchase is still running: wait for it too before counting.
        await bot.Slack.WaitForAsync(c => Blocks.AllText(c.Body).Contains("Added +1 212-555-01"), TimeSpan.FromSeconds(30));
        Assert.Single(await bot.NumbersInAsync(AgentEnvironment.PreRelease), n => n.StartsWith("+1212555", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_purchase_the_provider_refuses_replaces_the_progress_with_the_reason()
    {
        await using var bot = await SlackBot.StartAsync();
        var modal = await OpenAddFormAsync(bot, "Sandbox", "list");

        await bot.SubmitAsync(modal, AddValues("US", "533", null));

        var answer = await bot.Slack.WaitForAsync(c => c.Method == "response_url:list" && Blocks.AllText(c.Body).Contains("area code 533"), TimeSpan.FromSeconds(30));
        Assert.True(answer.Body["replace_original"]!.GetValue<bool>());
        Assert.Equal(2, (await bot.NumbersInAsync(AgentEnvironment.Sandbox)).Count);
    }

    [Fact]
    public async Task A_form_Slack_will_not_open_is_explained_to_the_clicker()
    {
        await using var bot = await SlackBot.StartAsync();
        bot.Slack.Answer("views.open", new JsonObject { ["ok"] = false, ["error"] = "expired_trigger_id" });

        await bot.ClickAsync(Blocks.Button(await bot.NumbersAsync(), Verbs.AddNumberForm + ":Sandbox"), "late");

        var answer = await bot.Slack.WaitForAsync(c => c.Method == "response_url:late");
        Assert.Equal("ephemeral", answer.Body["response_type"]!.GetValue<string>());
        Assert.Contains("expired_trigger_id", Blocks.AllText(answer.Body));
    }

    [Fact]
    public async Task Reassign_opens_a_modal_and_its_submission_replaces_the_list()
    {
        await using var bot = await SlackBot.StartAsync();
        var reassign = Blocks.Button(await bot.NumbersAsync(), Verbs.ReassignForm + ":");
        await bot.ClickAsync(reassign, "list");
        var modal = (await bot.Slack.WaitForAsync(c => c.Method == "views.open")).Body["view"]!.AsObject();
        Assert.Equal(Verbs.Reassign, modal["callback_id"]!.GetValue<string>());
        var manchester = Blocks.All(modal).First(o => o["text"] is JsonObject t && t["text"]?.GetValue<string>() == "Manchester")["value"]!.GetValue<string>();

        using var empty = await bot.SubmitAsync(modal, new JsonObject { ["variant"] = new JsonObject { ["variant"] = new JsonObject { ["type"] = "static_select" } } });
        Assert.Equal("Choose a variant.", JsonNode.Parse(await empty.Content.ReadAsStringAsync())!["errors"]!["variant"]!.GetValue<string>());

        using var chosen = await bot.SubmitAsync(modal, new JsonObject
        {
            ["variant"] = new JsonObject { ["variant"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = manchester } } },
        });
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        var update = await bot.Slack.WaitForAsync(c => c.Method == "response_url:list");
        Assert.True(update.Body["replace_original"]!.GetValue<bool>());
        Assert.Contains("now uses Manchester", Blocks.AllText(update.Body));
    }

    private static async Task<JsonObject> OpenAddFormAsync(SlackBot bot, string environment, string responseUrlId)
    {
        var add = Blocks.Button(await bot.NumbersAsync(), $"{Verbs.AddNumberForm}:{environment}");
        using var click = await bot.ClickAsync(add, responseUrlId);
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var open = await bot.Slack.WaitForAsync(c => c.Method == "views.open");
        Assert.Equal($"trigger-{responseUrlId}", open.Body["trigger_id"]!.GetValue<string>());
        return open.Body["view"]!.AsObject();
    }

    private static JsonObject AddValues(string country, string? areaCode, string? number) => new()
    {
        ["country"] = new JsonObject { ["country"] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = country } } },
        ["areaCode"] = new JsonObject { ["areaCode"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = areaCode } },
        ["variant"] = new JsonObject { ["variant"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = null } },
        ["number"] = new JsonObject { ["number"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = number } },
    };
}
