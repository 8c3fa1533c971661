using System.Text.Json.Nodes;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Tests.Channels.Slack;

/// <summary>The Slack numbers message searches and leads to history and approvals as the Adaptive Card does.</summary>
public class SlackSearchTests
{
    [Fact]
    public async Task Numbers_with_digits_after_the_project_lists_only_the_matching_numbers_and_keeps_them_in_the_Find_box()
    {
        await using var bot = await SlackBot.StartAsync();

        var message = await bot.NumbersAsync("numbers demo 555");

        var text = Blocks.AllText(message);
        Assert.Contains("*+1 415-555-0101*", text);
        Assert.Contains("*+1 415-555-0102*", text);
        Assert.DoesNotContain("*+44 7700 900101*", text);
        Assert.Contains("Only the numbers that match '555'", text);
        Assert.Equal("555", FindBox(message)["element"]!["initial_value"]!.GetValue<string>());
        Assert.NotNull(Blocks.Button(message, "numbers.show:all"));
    }

    [Fact]
    public async Task Find_takes_what_was_typed_in_the_box_and_Show_all_ignores_it()
    {
        await using var bot = await SlackBot.StartAsync();
        var message = await bot.NumbersAsync();
        Assert.False(FindBox(message)["element"]!.AsObject().ContainsKey("initial_value"));
        var typed = new JsonObject { ["filter"] = new JsonObject { ["filter"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "london" } } };

        await bot.ClickAsync(Blocks.Button(message, "numbers.show:find"), "find", state: typed);

        var found = (await bot.Slack.WaitForAsync(c => c.Method == "response_url:find")).Body;
        Assert.True(found["replace_original"]!.GetValue<bool>());
        var text = Blocks.AllText(found);
        Assert.Contains("*+44 7700 900101*", text);
        Assert.Contains("*+44 7700 900103*", text);
        Assert.DoesNotContain("*+44 7700 900102*", text);

        await bot.ClickAsync(Blocks.Button(found, "numbers.show:all"), "all", state: typed);

        var all = Blocks.AllText((await bot.Slack.WaitForAsync(c => c.Method == "response_url:all")).Body);
        Assert.Contains("*+44 7700 900102*", all);
        Assert.DoesNotContain("Only the numbers that match", all);
    }

    [Fact]
    public async Task Each_row_has_a_History_button_that_shows_that_numbers_history()
    {
        await using var bot = await SlackBot.StartAsync();
        var message = await bot.NumbersAsync();
        var history = Blocks.Buttons(message).Where(b => b["action_id"]!.GetValue<string>().StartsWith(Verbs.ShowHistory + ":", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, history.Count);

        await bot.ClickAsync(history.Single(b => Blocks.Value(b)["number"]!.GetValue<string>() == "+14155550101"), "history");

        var shown = (await bot.Slack.WaitForAsync(c => c.Method == "response_url:history")).Body;
        Assert.Equal("ephemeral", shown["response_type"]!.GetValue<string>());
        Assert.Contains("History of +1 415-555-0101", Blocks.AllText(shown));
    }

    [Fact]
    public async Task A_row_awaiting_deletion_approval_links_to_its_approval()
    {
        await using var bot = await SlackBot.StartAsync();
        var (_, delete) = await bot.DeleteConfirmationAsync("+14155550102");
        await bot.ClickAsync(delete, "requested");
        await bot.Slack.WaitForAsync(c => c.Method == "response_url:requested");

        var see = Blocks.Button(await bot.NumbersAsync(), Verbs.ShowApproval + ":");
        await bot.ClickAsync(see, "approval");

        var approval = Blocks.AllText((await bot.Slack.WaitForAsync(c => c.Method == "response_url:approval")).Body);
        Assert.Contains("+1 415-555-0102", approval);
        Assert.Contains("Waiting for approval", approval);
    }

    private static JsonObject FindBox(JsonObject message) =>
        Assert.Single(Blocks.All(message), b => b["type"]?.GetValue<string>() == "input" && b["block_id"]?.GetValue<string>() == "filter");
}
