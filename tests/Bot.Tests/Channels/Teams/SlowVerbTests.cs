using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Conversation;

namespace NumbersBot.Bot.Tests.Channels.Teams;

public class SlowVerbTests
{
    [Fact]
    public async Task Buying_a_number_answers_with_progress_at_once_and_replaces_it_with_the_result()
    {
        await using var bot = await TeamsBot.StartAsync();
        var data = new JsonObject { ["project"] = "demo", ["environment"] = "Sandbox", ["country"] = "UK", ["requestKey"] = Guid.NewGuid().ToString("N") };

        var answer = await UniversalActionTests.Json(await bot.PostAsync(bot.Execute("number.add", data, replyToId: "form-card-1")));

        Assert.Contains("Buying a UK number for Sandbox", TeamsBot.Text(answer["value"]!));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !bot.Channel.Calls.Any(c => c.Method == "PUT")) await Task.Delay(200);
        var update = Assert.Single(bot.Channel.Calls, c => c.Method == "PUT");
        Assert.EndsWith("/activities/form-card-1", update.Path);
        Assert.Contains("Added +44 7700", TeamsBot.Text(update.Body!));
        Assert.Equal([TeamsBot.AdminUserId], MessageTests.Card(update)["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()));
    }

    [Fact]
    public async Task The_submit_fallback_of_a_slow_verb_puts_progress_on_the_form_and_then_the_result()
    {
        await using var bot = await TeamsBot.StartAsync();
        var submit = bot.Message("");
        submit.Remove("text");
        submit["replyToId"] = "form-card-2";
        submit["value"] = new JsonObject
        {
            ["verb"] = "number.add", ["project"] = "demo", ["environment"] = "Sandbox", ["country"] = "US", ["requestKey"] = Guid.NewGuid().ToString("N"),
        };

        await bot.PostAsync(submit);

        var progress = Assert.Single(bot.Channel.Calls);
        Assert.Equal("PUT", progress.Method);
        Assert.Contains("Buying a US number for Sandbox", TeamsBot.Text(progress.Body));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && bot.Channel.Calls.Count < 2) await Task.Delay(200);
        var result = bot.Channel.Calls[1];
        Assert.Equal(("PUT", progress.Path), (result.Method, result.Path));
        Assert.Contains("Added +1", TeamsBot.Text(result.Body));
    }

    [Fact]
    public async Task An_invoke_for_a_slow_verb_sends_its_progress_answer_before_the_work_is_stored()
    {
        var deferred = new GatedDeferredReplies();
        deferred.Open();
        await using var bot = await TeamsBot.StartAsync(services: s => s.AddHttpContextAccessor().AddSingleton<IDeferredReplies>(deferred));
        deferred.Probe = () => bot.Get<IHttpContextAccessor>().HttpContext?.Response.HasStarted;
        var data = new JsonObject { ["project"] = "demo", ["environment"] = "Sandbox", ["country"] = "UK", ["requestKey"] = Guid.NewGuid().ToString("N") };

        var answer = await UniversalActionTests.Json(await bot.PostAsync(bot.Execute("number.add", data, replyToId: "form-card-3")));
        var (request, address, answeredBeforeStoring) = await deferred.Entered;

        Assert.Equal(true, answeredBeforeStoring);
        Assert.Contains("Buying a UK number for Sandbox", TeamsBot.Text(answer["value"]!));
        Assert.Contains("Demo Agent", TeamsBot.Text(answer["value"]!));
        Assert.Equal("number.add", request.Verb);
        Assert.Equal(("form-card-3", TeamsBot.AdminUserId), (TeamsReplyAddress.From(address).ActivityId, TeamsReplyAddress.From(address).UserId));
    }
}
