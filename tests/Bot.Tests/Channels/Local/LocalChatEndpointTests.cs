using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using NumbersBot.Bot.Channels.Local;
using NumbersBot.Bot.Tests.Hosting;

namespace NumbersBot.Bot.Tests.Channels.Local;

public class LocalChatEndpointTests
{
    [Fact]
    public async Task Numbers_answers_with_the_numbers_card_and_a_section_per_environment()
    {
        using var app = new NumbersBotApp();
        var reply = await PostAsync(app, "/api/local/messages", new { user = "local:alice", text = "numbers" });

        Assert.Equal("numbers", reply["view"]!.GetValue<string>());
        Assert.False(reply["replacesCard"]!.GetValue<bool>());
        Assert.Equal("AdaptiveCard", reply["card"]!["type"]!.GetValue<string>());
        var headings = Texts(reply["card"]!).Where(t => t.EndsWith(')')).ToList();
        Assert.Contains(headings, t => t.StartsWith("Sandbox (", StringComparison.Ordinal));
        Assert.Contains(headings, t => t.StartsWith("Pre-release (", StringComparison.Ordinal));
        Assert.Contains(headings, t => t.StartsWith("Live (", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_button_from_a_card_goes_back_as_an_action_and_its_answer_replaces_the_card()
    {
        using var app = new NumbersBotApp();
        var numbers = await PostAsync(app, "/api/local/messages", new { user = "local:alice", text = "numbers" });
        var delete = Actions(numbers["card"]!).First(a => a["verb"]?.GetValue<string>() == "number.delete");

        // The button's data as the renderer sends it, numbers included (the version is bound as a number).
        var reply = await PostAsync(app, "/api/local/actions", new JsonObject
        {
            ["user"] = "local:alice",
            ["verb"] = "number.delete",
            ["data"] = delete["data"]!.DeepClone(),
        });

        Assert.Equal("confirm-delete", reply["view"]!.GetValue<string>());
        Assert.True(reply["replacesCard"]!.GetValue<bool>());
        Assert.Contains(Texts(reply["card"]!), t => t.StartsWith("Delete +", StringComparison.Ordinal));
        Assert.Contains(Actions(reply["card"]!), a => a["verb"]?.GetValue<string>() == "number.delete.confirm");
    }

    [Fact]
    public async Task A_requesters_card_awaiting_approval_takes_the_decision_in_place()
    {
        using var app = new NumbersBotApp();
        var numbers = await PostAsync(app, "/api/local/messages", new { user = "local:carol", text = "numbers" });
        var live = Actions(numbers["card"]!).Last(a => a["verb"]?.GetValue<string>() == "number.delete");
        var confirm = await PostAsync(app, "/api/local/actions", new JsonObject
        {
            ["user"] = "local:carol", ["verb"] = "number.delete", ["data"] = live["data"]!.DeepClone(),
        });
        var confirmed = Actions(confirm["card"]!).Single(a => a["verb"]?.GetValue<string>() == "number.delete.confirm");
        var requested = await PostAsync(app, "/api/local/actions", new JsonObject
        {
            ["user"] = "local:carol", ["verb"] = "number.delete.confirm", ["data"] = confirmed["data"]!.DeepClone(),
        });
        var watch = requested["watch"]!.GetValue<string>();

        var pending = await PostAsync(app, "/api/local/messages", new { user = "local:bob", text = "approvals" });
        var review = Actions(pending["card"]!).Single(a => a["verb"]?.GetValue<string>() == "approval.show");
        var opened = await PostAsync(app, "/api/local/actions", new JsonObject
        {
            ["user"] = "local:bob", ["verb"] = "approval.show", ["data"] = review["data"]!.DeepClone(),
        });
        var approve = Actions(opened["card"]!).Single(a => a["verb"]?.GetValue<string>() == "approval.approve");
        await PostAsync(app, "/api/local/actions", new JsonObject
        {
            ["user"] = "local:bob", ["verb"] = "approval.approve", ["data"] = approve["data"]!.DeepClone(),
        });

        var client = app.CreateClient();
        JsonObject? edited = null;
        for (var attempt = 0; attempt < 200 && edited is null; attempt++)
        {
            var response = await client.GetAsync($"/api/local/replies/{watch}");
            if (response.StatusCode == HttpStatusCode.OK) edited = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            if (edited is not null && !Texts(edited["card"]!).Any(t => t.Contains("Approved by", StringComparison.Ordinal))) edited = null;
            if (edited is null) await Task.Delay(100);
        }
        Assert.NotNull(edited);
        Assert.DoesNotContain(Actions(edited!["card"]!), a => a["verb"]?.GetValue<string>() is "approval.approve" or "approval.deny");
    }

    [Fact]
    public async Task Numbers_with_an_unknown_word_says_there_is_no_such_project_and_where_the_projects_and_commands_are()
    {
        using var app = new NumbersBotApp();
        var reply = await PostAsync(app, "/api/local/messages", new { user = "local:dave", text = "numbers frobnicate" });

        Assert.Equal("error", reply["view"]!.GetValue<string>());
        Assert.Contains(Texts(reply["card"]!), t => t.Contains("There is no project 'frobnicate'.", StringComparison.Ordinal)
            && t.Contains(Domain.Actions.ProjectGate.WhereToLook, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_verb_gets_the_help_card_from_the_router()
    {
        using var app = new NumbersBotApp();
        var reply = await PostAsync(app, "/api/local/actions", new { user = "local:dave", verb = "number.teleport", data = new { } });

        Assert.Equal("help", reply["view"]!.GetValue<string>());
        Assert.Contains(Texts(reply["card"]!), t => t.Contains("number.teleport", StringComparison.Ordinal));
    }

    [Fact]
    public async Task People_are_the_local_users_with_their_display_names()
    {
        using var app = new NumbersBotApp();
        var people = await app.CreateClient().GetFromJsonAsync<JsonArray>("/api/local/people");

        var names = people!.ToDictionary(p => p!["user"]!.GetValue<string>(), p => p!["name"]!.GetValue<string>());
        Assert.Equal("Alice (admin)", names["local:alice"]);
        Assert.Equal("Erin (no access)", names["local:erin"]);
        Assert.Equal(5, names.Count);
    }

    [Theory]
    [InlineData("/api/local/messages", "{\"user\": \"local:alice\", \"text\": ", "not valid JSON")]
    [InlineData("/api/local/messages", "", "not valid JSON")]
    [InlineData("/api/local/messages", "[\"numbers\"]", "must be a JSON object")]
    [InlineData("/api/local/messages", "{\"text\": \"numbers\"}", "no \"user\"")]
    [InlineData("/api/local/messages", "{\"user\": \"local:alice\"}", "no \"text\"")]
    [InlineData("/api/local/messages", "{\"user\": \"local:alice\", \"text\": 42}", "\"text\" must be a string")]
    [InlineData("/api/local/messages", "{\"user\": \"alice\", \"text\": \"numbers\"}", "is not a user key")]
    [InlineData("/api/local/messages", "{\"user\": \"local:mallory\", \"text\": \"numbers\"}", "not one of the local people")]
    [InlineData("/api/local/actions", "{\"user\": \"local:alice\", \"data\": {}}", "no \"verb\"")]
    [InlineData("/api/local/actions", "{\"user\": \"local:alice\", \"verb\": \"numbers.show\", \"data\": [1]}", "\"data\" must be a JSON object")]
    [InlineData("/api/local/actions", "{\"user\": \"local:alice\", \"verb\": \"numbers.show\", \"data\": {\"project\": {\"id\": \"demo\"}}}", "\"data.project\" is an object")]
    public async Task A_malformed_request_gets_a_400_with_a_plain_message(string path, string body, string expected)
    {
        using var app = new NumbersBotApp();
        var response = await app.CreateClient().PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        var message = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, message);
        Assert.DoesNotContain("   at ", message);
    }

    [Fact]
    public async Task A_body_not_sent_as_json_is_refused_so_other_sites_cannot_post_without_asking()
    {
        using var app = new NumbersBotApp();
        var body = new StringContent("{\"user\": \"local:alice\", \"text\": \"numbers\"}", Encoding.UTF8, "text/plain");
        var response = await app.CreateClient().PostAsync("/api/local/messages", body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Numbers_and_booleans_in_data_are_passed_on_as_text()
    {
        using var app = new NumbersBotApp();
        var reply = await PostAsync(app, "/api/local/actions", new
        {
            user = "local:alice",
            verb = "numbers.show",
            data = new { project = "demo", environment = "sandbox", page = 0, stale = true, nothing = (string?)null },
        });

        Assert.Equal("numbers", reply["view"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_page_loads_the_configured_adaptive_cards_renderer_and_its_script()
    {
        using var app = new NumbersBotApp().With("LocalChat:AdaptiveCardsScriptUrl", "http://127.0.0.1:9/adaptivecards.min.js");
        var client = app.CreateClient();

        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("src=\"http://127.0.0.1:9/adaptivecards.min.js\"", html);
        Assert.Contains("id=\"person\"", html);

        Assert.Contains($"<link rel=\"stylesheet\" href=\"{ChatPage.StylePath}\">", html);
        Assert.Contains($"<script src=\"{ChatPage.ScriptPath}\" defer>", html);
        var script = await client.GetAsync(ChatPage.ScriptPath);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/api/local/actions", await script.Content.ReadAsStringAsync());
        var style = await client.GetAsync(ChatPage.StylePath);
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".ac-pushButton", await style.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Outside_development_the_local_chat_is_not_there()
    {
        using var app = new NumbersBotApp().With("environment", "Staging").With("Slack:SigningSecret", "secret");
        var client = app.CreateClient();

        Assert.Equal(LocalChat.NoChatPage, await client.GetStringAsync("/")); // a sentence, not the chat
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/local/people")).StatusCode);
        var post = await client.PostAsync("/api/local/messages", JsonContent.Create(new { user = "local:alice", text = "numbers" }));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task Turned_on_outside_development_it_warns_at_start_up()
    {
        var logs = new CollectedLogs();
        using var app = new NumbersBotApp().With("environment", "Staging").With("LocalChat:Enabled", "true");
        using var withLogs = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var client = withLogs.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("no sign-in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Turned_off_in_development_it_is_not_there()
    {
        using var app = new NumbersBotApp().With("LocalChat:Enabled", "false");
        var client = app.CreateClient();
        Assert.Equal(LocalChat.NoChatPage, await client.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/local/people")).StatusCode);
    }

    private static async Task<JsonObject> PostAsync(NumbersBotApp app, string path, object body)
    {
        var response = await app.CreateClient().PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static IEnumerable<string> Texts(JsonNode node) => Descendants(node)
        .Where(o => o["type"]?.GetValue<string>() == "TextBlock" && o["text"] is not null)
        .Select(o => o["text"]!.GetValue<string>());

    private static IEnumerable<JsonObject> Actions(JsonNode node) => Descendants(node)
        .Where(o => o["type"]?.GetValue<string>() == "Action.Execute");

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).SelectMany(Descendants).Prepend(o),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };
}
