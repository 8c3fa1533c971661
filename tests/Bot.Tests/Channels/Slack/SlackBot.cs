using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Channels;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Tests.Hosting;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Tests.Channels.Slack;

/// <summary>
/// The whole bot (its own database, the demo project) with Slack switched on and pointed at a <see cref="FakeSlack"/>.
/// UADMIN and UADMIN2 in team T1 are admins; anyone else in Slack has no access.
/// </summary>
public sealed class SlackBot : IAsyncDisposable
{
    public const string Team = "T1";
    public const string Admin = "UADMIN";
    public const string OtherAdmin = "UADMIN2";

    private readonly IServiceProvider? _services;

    private SlackBot(FakeSlack slack, NumbersBotApp app, HttpClient client, IServiceProvider? services = null)
    {
        Slack = slack;
        App = app;
        Client = client;
        _services = services;
    }

    public FakeSlack Slack { get; }
    public NumbersBotApp App { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _services ?? App.Services;

    /// <summary>
    /// Once a request is answered, whatever it sends afterwards is already in the outbox: this waits until all of it has
    /// gone, so a test can then say that nothing more was sent.
    /// </summary>
    public Task SentEverythingAsync() =>
        Services.GetRequiredService<NumbersBot.Bot.Channels.Slack.SlackOutbox>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(15));

    /// <summary>Slack requests into a host someone else started and disposes (one bot with Teams and Slack on).</summary>
    public static SlackBot Into(FakeSlack slack, NumbersBotApp app, HttpClient client, IServiceProvider services) => new(slack, app, client, services);

    public static async Task<SlackBot> StartAsync(Action<NumbersBotApp>? configure = null)
    {
        var slack = await FakeSlack.StartAsync();
        var app = new NumbersBotApp()
            .With("Slack:SigningSecret", SlackSigner.Secret)
            .With("Slack:BotToken", "xoxb-test")
            .With("Slack:ApiBaseUrl", slack.ApiBaseUrl.ToString())
            .With("Access:Admins", $"local:alice,slack:{Team}:{Admin},slack:{Team}:{OtherAdmin}");
        configure?.Invoke(app);
        return new SlackBot(slack, app, app.CreateClient());
    }

    public static byte[] Form(params (string Name, string Value)[] fields) =>
        Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}")));

    /// <summary>/numbers as Slack sends it.</summary>
    public Task<HttpResponseMessage> CommandAsync(string text, string user = Admin) =>
        SendAsync("/api/slack/commands", Command(text, Slack.ResponseUrl("command"), user));

    /// <summary>The form body of /numbers <paramref name="text"/>.</summary>
    public static byte[] Command(string text, string responseUrl, string user = Admin) => Form(
        ("token", "legacy"), ("team_id", Team), ("team_domain", "acme"), ("channel_id", "C1"), ("channel_name", "ops"),
        ("user_id", user), ("user_name", "someone"), ("command", "/numbers"), ("text", text),
        ("response_url", responseUrl), ("trigger_id", "trigger-command"), ("api_app_id", "A1"));

    public async Task<JsonObject> NumbersAsync(string text = "", string user = Admin)
    {
        using var response = await CommandAsync(text, user);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>
    /// A click on <paramref name="button"/> (taken from a message the bot sent), as a block_actions payload;
    /// <paramref name="state"/>: what the message's inputs hold (state.values), when it has any.
    /// </summary>
    public Task<HttpResponseMessage> ClickAsync(JsonObject button, string responseUrlId, string user = Admin, JsonObject? state = null) =>
        InteractAsync(Click(button, responseUrlId, Slack.ResponseUrl(responseUrlId), user, state));

    /// <summary>The block_actions payload of a click on <paramref name="button"/>.</summary>
    public static JsonObject Click(JsonObject button, string responseUrlId, string responseUrl, string user = Admin, JsonObject? state = null) =>
        new()
        {
            ["state"] = state is null ? null : new JsonObject { ["values"] = state.DeepClone() },
            ["type"] = "block_actions",
            ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "acme" },
            ["user"] = new JsonObject { ["id"] = user, ["username"] = "someone", ["name"] = "someone", ["team_id"] = Team },
            ["api_app_id"] = "A1",
            ["trigger_id"] = $"trigger-{responseUrlId}",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000100", ["channel_id"] = "C1", ["is_ephemeral"] = true },
            ["channel"] = new JsonObject { ["id"] = "C1", ["name"] = "ops" },
            ["response_url"] = responseUrl,
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = button["action_id"]!.DeepClone(), ["block_id"] = "b1", ["type"] = "button",
                ["value"] = button["value"]?.DeepClone(), ["action_ts"] = "1700000001.000000",
                ["text"] = button["text"]!.DeepClone(),
            }),
        };

    /// <summary>A modal submitted: <paramref name="modal"/> as opened by views.open, with the inputs' values.</summary>
    public Task<HttpResponseMessage> SubmitAsync(JsonObject modal, JsonObject values, string user = Admin) => InteractAsync(new JsonObject
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "acme" },
        ["user"] = new JsonObject { ["id"] = user, ["username"] = "someone", ["name"] = "someone", ["team_id"] = Team },
        ["api_app_id"] = "A1",
        ["trigger_id"] = "trigger-submit",
        ["view"] = new JsonObject
        {
            ["id"] = "V0MODAL", ["type"] = "modal", ["callback_id"] = modal["callback_id"]!.DeepClone(),
            ["private_metadata"] = modal["private_metadata"]!.DeepClone(), ["hash"] = "h1",
            ["state"] = new JsonObject { ["values"] = values },
        },
        ["response_urls"] = new JsonArray(),
    });

    public Task<HttpResponseMessage> InteractAsync(JsonObject payload) => SendAsync("/api/slack/interactions", Interaction(payload));

    /// <summary>The form body an interaction payload comes in.</summary>
    public static byte[] Interaction(JsonObject payload) => Form(("payload", payload.ToJsonString()));

    public Task<HttpResponseMessage> EventAsync(JsonObject payload, int? retry = null) =>
        SendAsync("/api/slack/events", Encoding.UTF8.GetBytes(payload.ToJsonString()), "application/json",
            retry is { } number ? ("X-Slack-Retry-Num", number.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null);

    /// <summary>A correctly signed request, unless the caller signs it otherwise.</summary>
    public Task<HttpResponseMessage> SendAsync(string path, byte[] body, string contentType = "application/x-www-form-urlencoded",
        (string, string)? header = null)
    {
        var timestamp = SlackSigner.Now();
        return SendRawAsync(path, body, contentType, timestamp, SlackSigner.Sign(SlackSigner.Secret, timestamp, body), header);
    }

    /// <summary>A correctly signed form post, for a bot this class did not start.</summary>
    public static HttpRequestMessage Signed(string path, byte[] body)
    {
        var timestamp = SlackSigner.Now();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSigner.Sign(SlackSigner.Secret, timestamp, body));
        return request;
    }

    public Task<HttpResponseMessage> SendRawAsync(string path, byte[] body, string contentType, string? timestamp, string? signature,
        (string Name, string Value)? header = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        if (timestamp is not null) request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        if (signature is not null) request.Headers.Add("X-Slack-Signature", signature);
        if (header is { } extra) request.Headers.Add(extra.Name, extra.Value);
        return Client.SendAsync(request);
    }

    /// <summary>
    /// The Delete on <paramref name="e164"/>'s row clicked: the confirmation message it brings (with the number's traffic),
    /// and that message's Confirm button, the one that deletes (or asks for approval).
    /// </summary>
    public async Task<(JsonObject Message, JsonObject Confirm)> DeleteConfirmationAsync(string e164, string responseUrlId = "delete-row")
    {
        var id = (await PageAsync()).Environments.SelectMany(e => e.Numbers).Single(n => n.Number.E164 == e164).Id.ToString();
        var row = Blocks.Button(await NumbersAsync(), "number.delete:", b => Blocks.Value(b)["numberId"]!.GetValue<string>() == id);
        await ClickAsync(row, responseUrlId);
        var message = (await Slack.WaitForAsync(c => c.Method == $"response_url:{responseUrlId}")).Body;
        return (message, Blocks.Button(message, "number.delete.confirm:"));
    }

    public async Task<NumbersPage> PageAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShowNumbersHandler>()
            .HandleAsync(new ShowNumbers(new Actor(UserRef.Local("alice"), "Alice"), null), CancellationToken.None);
    }

    public async Task<IReadOnlyList<string>> NumbersInAsync(AgentEnvironment environment) =>
        (await PageAsync()).Environments.Single(e => e.Environment == environment).Numbers.Select(n => n.Number.E164).ToList();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Slack.DisposeAsync();
    }
}

/// <summary>Finding things in the Block Kit the bot sent.</summary>
public static class Blocks
{
    public static IEnumerable<JsonObject> Buttons(JsonNode? message) => All(message).Where(o => o["type"]?.GetValue<string>() == "button");

    public static JsonObject Button(JsonNode? message, string actionIdPrefix, Func<JsonObject, bool>? where = null) =>
        Buttons(message).First(b => b["action_id"]!.GetValue<string>().StartsWith(actionIdPrefix, StringComparison.Ordinal) && (where?.Invoke(b) ?? true));

    public static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o => o.Where(p => p.Key != "value").SelectMany(p => p.Key == "text" && p.Value is JsonValue v ? [v.GetValue<string>()] : Texts(p.Value)),
        JsonArray a => a.SelectMany(Texts),
        _ => [],
    };

    public static IEnumerable<JsonObject> All(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => All(p.Value))),
        JsonArray a => a.SelectMany(All),
        _ => [],
    };

    /// <summary>What the bot sends, read back as a tree (and its buffer returned).</summary>
    public static JsonObject Sent(OutgoingJson json)
    {
        using (json) return (JsonObject)json.ToNode();
    }

    public static JsonArray Of(JsonObject message) => message["blocks"] as JsonArray ?? [];

    /// <summary>What Slack's message limit is about, counted generously: every string in the blocks, not only the texts.</summary>
    public static int Characters(JsonObject message) => Strings(Of(message));

    private static int Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.Sum(p => Strings(p.Value)),
        JsonArray a => a.Sum(Strings),
        JsonValue v when v.TryGetValue<string>(out var text) => text.Length,
        _ => 0,
    };

    public static JsonObject Value(JsonObject button) => (JsonObject)JsonNode.Parse(button["value"]!.GetValue<string>())!;

    public static string AllText(JsonNode? node) => string.Join("\n", Texts(node));
}
