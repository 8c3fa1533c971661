using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Conversation;
using NumbersBot.Bot.Tests.Hosting;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Channels.Local;

public class LocalSlowActionTests
{
    [Fact]
    public async Task Buying_a_number_answers_at_once_with_progress_and_the_result_replaces_it()
    {
        using var app = new NumbersBotApp();
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/local/actions", new
        {
            user = "local:alice",
            verb = "number.add",
            data = new { project = "demo", environment = "Sandbox", country = "US", areaCode = "212", requestKey = "local-click-1" },
        });
        var progress = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("result", progress["view"]!.GetValue<string>());
        Assert.Contains("Buying a US number for Sandbox", progress["card"]!.ToJsonString());
        var pending = progress["pending"]!.GetValue<string>();

        var finished = await PollAsync(client, pending);
        Assert.Equal("numbers", finished["view"]!.GetValue<string>());
        Assert.True(finished["replacesCard"]!.GetValue<bool>());
        Assert.Contains("212-555-01", finished["card"]!.ToJsonString());
        Assert.Contains("Added", finished["card"]!.ToJsonString());
    }

    [Fact]
    public async Task The_work_is_stored_for_the_progress_card_the_page_was_given()
    {
        var deferred = new GatedDeferredReplies();
        using var app = new NumbersBotApp().WithServices(s => s.AddSingleton<IDeferredReplies>(deferred));
        var client = app.CreateClient();

        var posted = client.PostAsJsonAsync("/api/local/actions", new
        {
            user = "local:alice",
            verb = "number.connect",
            data = new { project = "demo", environment = "Live", number = "+14155550123" },
        });
        var (request, address, _) = await deferred.Entered;
        deferred.Open();
        var progress = (await (await posted).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal("number.connect", request.Verb);
        Assert.Contains("to Live", progress["card"]!.ToJsonString());
        Assert.Equal(progress["pending"]!.GetValue<string>(), JsonNode.Parse(address.Json)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_slow_result_shows_times_in_the_zone_of_the_person_who_asked()
    {
        using var app = new NumbersBotApp();
        var client = app.CreateClient();

        var progress = await TestCallAsync(app, client, "+447700900101", timeZone: "America/New_York");
        var finished = await PollAsync(client, progress["pending"]!.GetValue<string>());

        Assert.Contains("America/New_York", finished["card"]!.ToJsonString());
    }

    [Fact]
    public async Task A_test_call_waiting_for_its_outcome_does_not_hold_up_another_slow_result()
    {
        var ringing = new RingingTestCalls();
        using var app = new NumbersBotApp().WithServices(s => s.AddSingleton<ITestCalls>(ringing));
        var client = app.CreateClient();

        var test = await TestCallAsync(app, client, "+447700900101");
        await ringing.Placed;
        var purchase = await (await client.PostAsJsonAsync("/api/local/actions", new
        {
            user = "local:alice",
            verb = "number.add",
            data = new { project = "demo", environment = "Sandbox", country = "US", areaCode = "212", requestKey = "local-click-2" },
        })).Content.ReadFromJsonAsync<JsonObject>();

        var bought = await PollAsync(client, purchase!["pending"]!.GetValue<string>());
        Assert.Contains("212-555-01", bought["card"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync($"/api/local/replies/{test["pending"]!.GetValue<string>()}")).StatusCode);
    }

    [Fact]
    public async Task Asking_for_a_reply_that_does_not_exist_says_it_is_not_ready()
    {
        using var app = new NumbersBotApp();
        var response = await app.CreateClient().GetAsync($"/api/local/replies/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<JsonObject> TestCallAsync(NumbersBotApp app, HttpClient client, string e164, string? timeZone = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var number = await scope.ServiceProvider.GetRequiredService<INumberRepository>().FindByE164Async(e164, default);
        var response = await client.PostAsJsonAsync("/api/local/actions", new
        {
            user = "local:carol",
            verb = "number.test",
            data = new { project = "demo", numberId = number!.Id.ToString(), number = e164 },
            timeZone,
        });
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>A call that is placed and then rings on: its outcome never comes while the test runs.</summary>
    private sealed class RingingTestCalls : ITestCalls
    {
        private readonly TaskCompletionSource _placed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Placed => _placed.Task;

        public Task<string> PlaceAsync(ProvisionedNumber number, CancellationToken ct)
        {
            _placed.TrySetResult();
            return Task.FromResult("CA" + Guid.NewGuid().ToString("N"));
        }

        public Task<TestCallOutcome?> OutcomeAsync(string projectId, ProvisionedNumber number, string reference, CancellationToken ct) =>
            Task.FromResult<TestCallOutcome?>(null);
    }

    internal static async Task<JsonObject> PollAsync(HttpClient client, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var response = await client.GetAsync($"/api/local/replies/{id}");
            if (response.StatusCode == HttpStatusCode.OK) return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            await Task.Delay(200);
        }
        throw new TimeoutException("The slow action never finished.");
    }
}
