using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Tests.Channels.Slack;

/// <summary>
/// A signed interaction NumbersBot cannot read is acknowledged with 200 within Slack's 3 seconds, changes nothing, and
/// the clicker alone is told why, beside the current list. Slack shows any other status as an unexplained error.
/// </summary>
public class SlackUnreadableTests
{
    public static TheoryData<string> UnreadableButtons => ["unknown action id", "older value", "nested value"];

    [Theory]
    [MemberData(nameof(UnreadableButtons))]
    public async Task A_button_NumbersBot_cannot_read_gets_the_current_list_only_the_clicker_sees(string button)
    {
        await using var bot = await SlackBot.StartAsync();
        var sandbox = await bot.NumbersInAsync(AgentEnvironment.Sandbox);
        var delete = (JsonObject)(await bot.DeleteConfirmationAsync(sandbox[0])).Confirm.DeepClone();
        switch (button)
        {
            case "unknown action id": delete["action_id"] = "number.shred:1"; break;
            case "older value": delete["value"] = "numberId=42;project=demo"; break;
            case "nested value": delete["value"] = "{\"numberId\":{\"id\":42}}"; break;
        }
        var watch = Stopwatch.StartNew();

        using var response = await bot.ClickAsync(delete, "older");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"acknowledged after {watch.Elapsed}");
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var answer = await bot.Slack.WaitForAsync(c => c.Method == "response_url:older");
        Assert.Equal("ephemeral", answer.Body["response_type"]?.GetValue<string>());
        Assert.False(answer.Body["replace_original"]?.GetValue<bool>());
        var text = Blocks.AllText(answer.Body);
        Assert.Contains(SlackUnreadable.OlderButton, text, StringComparison.Ordinal);
        Assert.Contains("Sandbox", text, StringComparison.Ordinal);
        Assert.Equal(sandbox, await bot.NumbersInAsync(AgentEnvironment.Sandbox));
        Assert.DoesNotContain(bot.Slack.Calls, c => c.Method.StartsWith("chat.", StringComparison.Ordinal) || c.Method == "views.open");
    }

    [Fact]
    public async Task A_click_that_does_not_say_who_clicked_gets_the_sentence_alone()
    {
        await using var bot = await SlackBot.StartAsync();
        var payload = new JsonObject
        {
            ["type"] = "block_actions", ["response_url"] = bot.Slack.ResponseUrl("anonymous"),
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "numbers.show", ["value"] = "{}" }),
        };

        using var response = await bot.InteractAsync(payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await bot.Slack.WaitForAsync(c => c.Method == "response_url:anonymous");
        Assert.Contains(SlackUnreadable.NothingChanged + " Type /numbers for the current list.", Blocks.AllText(answer.Body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("payload=%7Bnot+json")]
    [InlineData("nothing=here")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%7D")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%2C%22text%22%3A%22%5Cud800%22%7D")]
    public async Task A_signed_interaction_with_nowhere_to_answer_is_still_acknowledged_with_200(string body)
    {
        await using var bot = await SlackBot.StartAsync();

        using var response = await bot.SendAsync("/api/slack/interactions", Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string> UnreadableForms => ["metadata not ours", "unknown callback", "no view"];

    [Theory]
    [MemberData(nameof(UnreadableForms))]
    public async Task A_modal_NumbersBot_did_not_open_is_answered_in_the_modal_and_changes_nothing(string form)
    {
        await using var bot = await SlackBot.StartAsync();
        var sandbox = await bot.NumbersInAsync(AgentEnvironment.Sandbox);
        var modal = new JsonObject { ["callback_id"] = "number.add", ["private_metadata"] = "{\"project\":\"demo\",\"environment\":\"sandbox\"}" };
        if (form == "metadata not ours") modal["private_metadata"] = "not-json";
        if (form == "unknown callback") modal["callback_id"] = "someone.elses.modal";
        var values = new JsonObject { ["country"] = new JsonObject { ["country"] = new JsonObject { ["selected_option"] = new JsonObject { ["value"] = "UK" } } } };
        var payload = form == "no view"
            ? new JsonObject { ["type"] = "view_submission", ["user"] = new JsonObject { ["id"] = SlackBot.Admin }, ["team"] = new JsonObject { ["id"] = SlackBot.Team } }
            : null;

        using var response = payload is null ? await bot.SubmitAsync(modal, values) : await bot.InteractAsync(payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("update", answer["response_action"]?.GetValue<string>());
        Assert.Contains(SlackUnreadable.OlderForm, Blocks.AllText(answer["view"]), StringComparison.Ordinal);
        Assert.Equal(sandbox, await bot.NumbersInAsync(AgentEnvironment.Sandbox));
    }
}
