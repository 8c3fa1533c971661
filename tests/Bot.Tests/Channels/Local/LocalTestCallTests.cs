using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Tests.Hosting;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Tests.Channels.Local;

public class LocalTestCallTests
{
    [Fact]
    public async Task A_test_call_answers_at_once_with_progress_and_its_result_replaces_it()
    {
        using var app = new NumbersBotApp();
        var client = app.CreateClient();
        await using var scope = app.Services.CreateAsyncScope();
        var number = await scope.ServiceProvider.GetRequiredService<INumberRepository>().FindByE164Async("+447700900101", default);

        var response = await client.PostAsJsonAsync("/api/local/actions", new
        {
            user = "local:carol",
            verb = "number.test",
            data = new { project = "demo", numberId = number!.Id.ToString(), number = "+447700900101" },
        });
        var progress = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal("result", progress["view"]!.GetValue<string>());
        Assert.Contains("Calling +44 7700 900101 from the test caller", Text(progress["card"]!));
        var finished = await LocalSlowActionTests.PollAsync(client, progress["pending"]!.GetValue<string>());
        Assert.Equal("result", finished["view"]!.GetValue<string>());
        Assert.True(finished["replacesCard"]!.GetValue<bool>());
        var card = Text(finished["card"]!);
        Assert.Contains("Test call to +44 7700 900101: answered", card);
        Assert.Contains("number.test", card); // Test again
    }

    private static string Text(JsonNode card) => card.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
