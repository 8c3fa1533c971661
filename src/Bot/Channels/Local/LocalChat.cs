using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain;

namespace NumbersBot.Bot.Channels.Local;

/// <summary>
/// The local web chat: a page and three JSON endpoints that hand every turn to the <see cref="TurnPipeline"/>.
/// It has no sign-in, so it is only there in Development or when LocalChat:Enabled=true.
/// </summary>
public static class LocalChat
{
    /// <summary>The same build on the official CDN, for LocalChat:AdaptiveCardsScriptUrl; unset, the bot serves its pinned copy.</summary>
    public const string CdnAdaptiveCardsScriptUrl = $"https://unpkg.com/adaptivecards@{PinnedRenderer.Version}/dist/adaptivecards.min.js";

    public static IServiceCollection AddLocalChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(LocalChatSettings.From(configuration));
        services.AddScoped<LocalPeople>();
        services.AddSingleton<IReplyChannel, LocalReplyChannel>();
        return services;
    }

    public const string NoChatPage =
        "NumbersBot is running. People use it from Microsoft Teams or Slack; this address has no web page. Health check: /healthz\n";

    /// <summary>On when LocalChat:Enabled says so, else in Development only.</summary>
    public static bool IsOn(LocalChatSettings settings, IHostEnvironment environment) => settings.Enabled ?? environment.IsDevelopment();

    public static WebApplication MapLocalChat(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<LocalChatSettings>();
        if (!IsOn(settings, app.Environment))
        {
            // Someone who opens the bot's address in a browser learns it is up and where it is used, not a blank 404.
            app.MapGet("/", () => Results.Text(NoChatPage, "text/plain; charset=utf-8"));
            return app;
        }
        if (!app.Environment.IsDevelopment())
            app.Logger.LogWarning(
                "The local web chat is on (LocalChat:Enabled=true) in the {Environment} environment. It has no sign-in: anyone who can " +
                "reach this server can act as any local user. Turn it off (LocalChat:Enabled=false) unless this is a development machine.",
                app.Environment.EnvironmentName);

        var page = ChatPage.Html(settings.AdaptiveCardsScriptUrl);
        var chat = app.MapGroup("").AddEndpointFilter(OnlyLoopbackHosts);
        chat.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        chat.MapGet(ChatPage.ScriptPath, () => Results.Content(ChatPage.Script, "text/javascript; charset=utf-8"));
        chat.MapGet(ChatPage.StylePath, () => Results.Content(ChatPage.Style, "text/css; charset=utf-8"));
        chat.MapGet(PinnedRenderer.ScriptPath, () => Results.Bytes(PinnedRenderer.Script, "text/javascript; charset=utf-8"));
        chat.MapGet(PinnedRenderer.LicencePath, () => Results.Bytes(PinnedRenderer.Licence, "text/plain; charset=utf-8"));
        if (app.Environment.IsDevelopment()) app.Lifetime.ApplicationStarted.Register(() => SayWhereTheChatIs(app));

        var api = chat.MapGroup("/api/local").AddEndpointFilter(AnswerBadRequests);
        api.MapGet("/people", async (LocalPeople people, CancellationToken ct) =>
            Results.Json((await people.ListAsync(ct)).Select(p => new { user = p.User.Key, name = p.Name })));
        api.MapPost("/messages", PostMessageAsync);
        api.MapPost("/actions", PostActionAsync);
        api.MapGet("/replies/{id:guid}", async (Guid id, ILocalReplyStore replies, CancellationToken ct) =>
            await replies.FindAsync(id, ct) is { } done ? Results.Text(done, "application/json; charset=utf-8") : Results.NoContent());
        return app;
    }

    private static async Task<IResult> PostMessageAsync(
        HttpRequest request, LocalPeople people, TurnPipeline pipeline, CardRenderer cards, IIdSource ids, CancellationToken ct)
    {
        var body = await LocalRequests.ReadObjectAsync(request, ct);
        var actor = await people.ActorAsync(LocalRequests.RequiredString(body, "user"), ct);
        var surface = new LocalSurface(cards, ids);
        var turn = Turn.Typed(LocalReplyChannel.Name, null, actor, LocalRequests.RequiredString(body, "text"),
            timeZone: LocalRequests.OptionalString(body, "timeZone"));
        await pipeline.HandleAsync(turn, surface, ct);
        return surface.Result();
    }

    private static async Task<IResult> PostActionAsync(
        HttpRequest request, LocalPeople people, TurnPipeline pipeline, CardRenderer cards, IIdSource ids, CancellationToken ct)
    {
        var body = await LocalRequests.ReadObjectAsync(request, ct);
        var actor = await people.ActorAsync(LocalRequests.RequiredString(body, "user"), ct);
        var click = new ConversationRequest(actor, LocalRequests.RequiredString(body, "verb"), LocalRequests.FlatData(body, "data"))
        {
            TimeZone = LocalRequests.OptionalString(body, "timeZone"),
        };
        var surface = new LocalSurface(cards, ids);
        await pipeline.HandleAsync(Turn.Click(LocalReplyChannel.Name, null, click), surface, ct);
        return surface.Result();
    }

    /// <summary>
    /// The page gets the turn's answer in the HTTP response, saying whether it replaces the card. Progress carries the id
    /// the page asks for the result by; the result replaces it in place.
    /// </summary>
    private sealed class LocalSurface(CardRenderer cards, IIdSource ids) : IReplySurface
    {
        private OutgoingJson? _answer;

        public Task<ReplyAddress?> ReplaceAsync(Reply reply, CancellationToken ct) => ShowAsync(reply with { ReplacesCard = true });

        public Task<ReplyAddress?> PostAsync(Reply reply, CancellationToken ct) => ShowAsync(reply with { ReplacesCard = false });

        public IResult Result() => _answer is null ? Results.NoContent() : _answer;

        private Task<ReplyAddress?> ShowAsync(Reply reply)
        {
            _answer?.Dispose();
            // A requester's card is a copy the approval keeps true: the page watches its id for the edits.
            var key = reply.InProgress ? "pending" : reply.RequesterCardOf is not null ? "watch" : null;
            var id = key is null ? (Guid?)null : ids.NewId();
            _answer = Answer(reply, cards, key is null ? null : (key, id!.Value.ToString()));
            return Task.FromResult(id is { } watched ? LocalReplyChannel.AddressFor(watched) : (ReplyAddress?)null);
        }
    }

    /// <summary>In Development the console says where to open the chat, by a name the chat answers on (a loopback one).</summary>
    private static void SayWhereTheChatIs(WebApplication app)
    {
        foreach (var url in app.Urls)
        {
            var address = new UriBuilder(url);
            if (address.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*") address.Host = "localhost";
            app.Logger.LogInformation("Local chat: {Address} (open it in a browser; no sign-in, Development only)", address.Uri.GetLeftPart(UriPartial.Authority) + "/");
        }
    }

    /// <summary>The answer the page reads: the view, whether it replaces the card, the card, and the id to ask or watch by.</summary>
    internal static OutgoingJson Answer(Reply reply, CardRenderer cards, (string Key, string Id)? follow = null) =>
        OutgoingJson.Write((reply, cards, follow), static (writer, s) =>
        {
            writer.WriteStartObject();
            writer.WriteString("view", s.reply.View);
            writer.WriteBoolean("replacesCard", s.reply.ReplacesCard);
            writer.WritePropertyName("card");
            s.cards.Write(writer, s.reply, CardFormat.Adaptive);
            if (s.follow is { } follow) writer.WriteString(follow.Key, follow.Id);
            writer.WriteEndObject();
        });

    /// <summary>
    /// The chat has no sign-in, so it answers only requests addressed to this machine by a loopback name: a web page
    /// elsewhere that rebinds its own host name to 127.0.0.1 (DNS rebinding) is refused.
    /// </summary>
    private static ValueTask<object?> OnlyLoopbackHosts(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var host = context.HttpContext.Request.Host.Host.Trim('[', ']');
        var loopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));
        return loopback
            ? next(context)
            : ValueTask.FromResult<object?>(Results.Text(
                $"The local chat answers only on localhost; '{host}' is not a loopback name.", "text/plain; charset=utf-8", statusCode: 403));
    }

    private static async ValueTask<object?> AnswerBadRequests(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (LocalRequestException bad)
        {
            return Results.Text(bad.Message, "text/plain; charset=utf-8", statusCode: bad.Status);
        }
    }
}
