using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Conversation;

namespace NumbersBot.Bot.Tests.Channels.Slack;

public class SlackSlowVerbTests
{
    [Fact]
    public async Task A_slow_click_without_a_response_url_shows_its_progress_in_a_direct_message_before_the_work_is_stored()
    {
        var deferred = new GatedDeferredReplies();
        await using var bot = await SlackBot.StartAsync(app => app.WithServices(s => s.AddSingleton<IDeferredReplies>(deferred)));
        var data = new JsonObject { ["project"] = "demo", ["environment"] = "Sandbox", ["country"] = "UK", ["requestKey"] = Guid.NewGuid().ToString("N") };

        var clicked = bot.InteractAsync(new JsonObject
        {
            ["type"] = "block_actions",
            ["team"] = new JsonObject { ["id"] = SlackBot.Team },
            ["user"] = new JsonObject { ["id"] = SlackBot.Admin, ["team_id"] = SlackBot.Team },
            ["actions"] = new JsonArray(new JsonObject { ["action_id"] = "number.add:1", ["value"] = data.ToJsonString() }),
        });
        var (request, address, _) = await deferred.Entered;
        var shownBeforeStoring = bot.Slack.Calls.Where(c => c.Method == "chat.postMessage").ToList();
        deferred.Open();
        using var response = await clicked;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var progress = Assert.Single(shownBeforeStoring);
        Assert.Equal(SlackBot.Admin, progress.Body["channel"]!.GetValue<string>());
        Assert.Contains("Buying a UK number for Sandbox", Blocks.AllText(progress.Body));
        Assert.Equal(Verbs.AddNumber, request.Verb);
        Assert.Equal(new SlackAddress(null, "D0DIRECT", "1700000000.000100"), SlackAddress.Parse(address.Json));
    }
}
