using System.Net;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Tests.Channels.Slack;

public class SlackButtonTests
{
    [Fact]
    public async Task A_delete_shows_the_numbers_calls_then_its_confirm_dialog_removes_the_number_and_replaces_the_message()
    {
        await using var bot = await SlackBot.StartAsync();
        var (confirmation, delete) = await bot.DeleteConfirmationAsync("+14155550101");
        Assert.True(confirmation["replace_original"]!.GetValue<bool>());
        Assert.Contains("calls in the last 7 days", Blocks.AllText(confirmation));
        Assert.Equal("Delete +1 415-555-0101?", delete["confirm"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("danger", delete["confirm"]!["style"]!.GetValue<string>());

        using var response = await bot.ClickAsync(delete, "m1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var update = await bot.Slack.WaitForAsync(c => c.Method == "response_url:m1");
        Assert.True(update.Body["replace_original"]!.GetValue<bool>());
        Assert.Contains("Deleted +1 415-555-0101", Blocks.AllText(update.Body));
        Assert.DoesNotContain("*+1 415-555-0101*", Blocks.AllText(update.Body));
        Assert.DoesNotContain("+14155550101", await bot.NumbersInAsync(AgentEnvironment.Sandbox));
    }

    [Fact]
    public async Task A_Live_delete_warns_word_for_word_and_asks_a_second_person()
    {
        await using var bot = await SlackBot.StartAsync();
        var (_, delete) = await bot.DeleteConfirmationAsync("+14155550102");
        Assert.StartsWith(DeleteNumberHandler.LiveWarning, delete["confirm"]!["text"]!["text"]!.GetValue<string>());

        await bot.ClickAsync(delete, "m2");

        var update = await bot.Slack.WaitForAsync(c => c.Method == "response_url:m2");
        Assert.Contains("needs a second person's approval", Blocks.AllText(update.Body));
        Assert.Contains("+14155550102", await bot.NumbersInAsync(AgentEnvironment.Live));
    }

    [Fact]
    public async Task A_stale_button_pressed_anyway_gets_the_current_list()
    {
        await using var bot = await SlackBot.StartAsync();
        var (_, delete) = await bot.DeleteConfirmationAsync("+14155550101");
        await bot.ClickAsync(delete, "first");
        await bot.Slack.WaitForAsync(c => c.Method == "response_url:first");

        await bot.ClickAsync(delete, "again");

        var update = await bot.Slack.WaitForAsync(c => c.Method == "response_url:again");
        Assert.True(update.Body["replace_original"]!.GetValue<bool>());
        Assert.Contains("no longer in the project", Blocks.AllText(update.Body));
        Assert.Contains("Phone numbers · Demo Agent", Blocks.AllText(update.Body));
    }

    [Fact]
    public async Task A_refusal_is_an_ephemeral_message_and_the_original_stays()
    {
        await using var bot = await SlackBot.StartAsync();
        var (_, delete) = await bot.DeleteConfirmationAsync("+14155550101");
        var before = await bot.NumbersInAsync(AgentEnvironment.Sandbox);

        await bot.ClickAsync(delete, "stranger", user: "USTRANGER");

        var answer = await bot.Slack.WaitForAsync(c => c.Method == "response_url:stranger");
        Assert.Equal("ephemeral", answer.Body["response_type"]!.GetValue<string>());
        Assert.False(answer.Body["replace_original"]!.GetValue<bool>());
        Assert.Contains("Not allowed", Blocks.AllText(answer.Body));
        Assert.Equal(before, await bot.NumbersInAsync(AgentEnvironment.Sandbox));
    }

    [Fact]
    public async Task An_unknown_button_gets_the_current_list_instead_of_an_error()
    {
        await using var bot = await SlackBot.StartAsync();

        await bot.ClickAsync(new System.Text.Json.Nodes.JsonObject
        {
            ["action_id"] = "number.teleport:1", ["text"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "plain_text", ["text"] = "?" },
        }, "unknown");

        var answer = await bot.Slack.WaitForAsync(c => c.Method == "response_url:unknown");
        Assert.Contains(NumbersBot.Bot.Channels.Slack.SlackUnreadable.OlderButton, Blocks.AllText(answer.Body));
    }
}
