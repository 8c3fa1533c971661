using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Bot.Tests.Hosting;

namespace NumbersBot.Bot.Tests.Channels.Teams;

/// <summary>
/// The whole bot (demo data, SQLite) configured, through the SDK's setting names, against a <see cref="FakeBotFramework"/>:
/// a real channel key endorsed for msteams, an Emulator key, and a Teams admin and a Teams user with no access.
/// </summary>
public sealed class TeamsBot : IAsyncDisposable
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string Tenant = "72f988bf-0000-0000-0000-000000000001";
    public const string AdminObjectId = "aaaaaaaa-0000-0000-0000-000000000001";
    public const string AdminUserId = "29:admin-teams-id";
    public const string StrangerObjectId = "bbbbbbbb-0000-0000-0000-000000000002";
    public const string StrangerUserId = "29:stranger-teams-id";
    public const string BotAccountId = "28:" + AppId;
    public const string PersonalChat = "a:personal-chat-1";

    private readonly NumbersBotApp _root;
    private readonly WebApplicationFactory<Program> _app;
    private readonly HttpClient _http;
    private readonly IReadOnlyDictionary<string, string?> _extra;
    private readonly Action<IServiceCollection>? _configure;
    private readonly bool _restartable;
    private int _ids;

    private TeamsBot(FakeBotFramework channel, IReadOnlyDictionary<string, string?> extra, Action<IServiceCollection>? configure,
        NumbersBotApp? root = null, bool restartable = false, TeamsBot? before = null)
    {
        Channel = channel;
        (_extra, _configure, _restartable) = (extra, configure, restartable);
        if (before is not null) (ChannelKey, EmulatorKey) = (before.ChannelKey, before.EmulatorKey);
        _root = (root ?? new NumbersBotApp())
            .With("MicrosoftAppId", AppId)
            .With("MicrosoftAppPassword", "not-a-real-secret")
            .With("MicrosoftAppType", "SingleTenant")
            .With("MicrosoftAppTenantId", Tenant)
            .With("ToBotFromChannelOpenIdMetadataUrl", channel.ChannelMetadataUrl.ToString())
            .With("ToBotFromEmulatorOpenIdMetadataUrl", channel.EmulatorMetadataUrl.ToString())
            .With("ToChannelFromBotLoginUrl", new Uri(channel.LoginBaseUrl, Tenant).ToString())
            .With("Access:Admins", $"teams:{Tenant}:{AdminObjectId}");
        foreach (var (key, value) in extra) _root.With(key, value);
        // Only the login client is told about the test's certificate; production code keeps full TLS checks.
        _app = _root.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
        {
            services.AddHttpClient(TeamsHttp.Login).ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => channel.TrustsOurCertificate(certificate),
            });
            configure?.Invoke(services);
        }));
        _http = _app.CreateClient();
    }

    public FakeBotFramework Channel { get; }
    public TestKey ChannelKey { get; } = new("channel-key-1", "msteams", "webchat");
    public TestKey EmulatorKey { get; } = new("emulator-key-1");
    public IServiceProvider Services => _app.Services;

    /// <summary>The client into this host, for another channel's requests to the same bot.</summary>
    public HttpClient Http => _http;

    /// <summary>The host's settings; its services are <see cref="Services"/> (the root factory is never started itself).</summary>
    public NumbersBotApp Root => _root;

    /// <param name="restartable">Disposing stops only the host: the database and the fake connector stay for <see cref="Restart"/>.</param>
    public static async Task<TeamsBot> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null,
        bool restartable = false)
    {
        var channel = await FakeBotFramework.StartAsync();
        var root = restartable ? new NumbersBotApp(Path.Combine(Path.GetTempPath(), "numbersbot-tests", Guid.NewGuid().ToString("N"))) : null;
        var bot = new TeamsBot(channel, settings ?? new Dictionary<string, string?>(), services, root, restartable);
        channel.PublishChannelKey(bot.ChannelKey);
        channel.PublishEmulatorKey(bot.EmulatorKey);
        return bot;
    }

    /// <summary>
    /// A new host with the same settings on the same database and fake connector, as after a restart; <paramref name="stopped"/>
    /// (started restartable) must be disposed first. The new one owns the database and the fake.
    /// </summary>
    public static TeamsBot Restart(TeamsBot stopped) =>
        stopped._restartable
            ? new TeamsBot(stopped.Channel, stopped._extra, stopped._configure, new NumbersBotApp(stopped._root.Folder, ownsFolder: true), before: stopped)
            : throw new InvalidOperationException("Only a host started restartable can be restarted.");

    /// <summary>A token the real channel would send with this activity.</summary>
    public string ValidToken() => ChannelTokens.Channel(ChannelKey, AppId, Channel.ServiceUrl);

    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = "valid") =>
        PostRawAsync(activity.ToJsonString(), token == "valid" ? ValidToken() : token);

    public Task<HttpResponseMessage> PostRawAsync(string body, string? token, string scheme = "Bearer")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, TeamsChannel.MessagesPath)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        return _http.SendAsync(request);
    }

    public JsonObject Activity(string type, string conversationId = PersonalChat, string conversationType = "personal",
        string? aadObjectId = AdminObjectId, string userId = AdminUserId, string name = "Ada Admin") => new()
    {
        ["type"] = type,
        ["id"] = $"activity-{Interlocked.Increment(ref _ids)}-{Guid.NewGuid():N}",
        ["channelId"] = "msteams",
        ["serviceUrl"] = Channel.ServiceUrl,
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["from"] = new JsonObject { ["id"] = userId, ["name"] = name, ["aadObjectId"] = aadObjectId },
        ["recipient"] = new JsonObject { ["id"] = BotAccountId, ["name"] = "NumbersBot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = conversationType, ["tenantId"] = Tenant },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
    };

    public JsonObject Message(string text, string conversationId = PersonalChat, string conversationType = "personal", string? aadObjectId = AdminObjectId)
    {
        var activity = Activity("message", conversationId, conversationType, aadObjectId);
        activity["text"] = text;
        return activity;
    }

    public JsonObject Execute(string verb, JsonObject data, string replyToId = "card-1", string trigger = "manual",
        string? aadObjectId = AdminObjectId, string userId = AdminUserId)
    {
        var activity = Activity("invoke", aadObjectId: aadObjectId, userId: userId);
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = replyToId;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["id"] = "button", ["verb"] = verb, ["data"] = data },
            ["trigger"] = trigger,
        };
        return activity;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>JSON as a person reads it ("+44", "·"), for assertions on what a card says.</summary>
    public static string Text(JsonNode? node) => node?.ToJsonString(Relaxed) ?? "";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _root.DisposeAsync();
        if (!_restartable) await Channel.DisposeAsync();
    }
}
