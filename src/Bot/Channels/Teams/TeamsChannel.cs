using System.Net;
using Microsoft.Extensions.Http.Resilience;
using NumbersBot.Bot.Conversation;
using Polly;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>Microsoft Teams over the Bot Framework protocol: POST /api/messages in, the Bot Connector out.</summary>
public static class TeamsChannel
{
    public const string Name = "teams";
    public const string MessagesPath = "/api/messages";

    // The statuses Teams documents as "try again later": throttling (429), a conversation busy with another write (412), gateways.
    private static readonly HashSet<HttpStatusCode> Retried =
        [HttpStatusCode.TooManyRequests, HttpStatusCode.PreconditionFailed, HttpStatusCode.BadGateway, HttpStatusCode.GatewayTimeout];

    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        var environment = services.Select(d => d.ImplementationInstance).OfType<IHostEnvironment>().FirstOrDefault();
        var settings = TeamsSettings.From(configuration, environment?.IsDevelopment() ?? false);
        services.AddSingleton(settings);

        services.AddHttpClient(TeamsHttp.OpenId, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(TeamsHttp.Login, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient(TeamsHttp.Connector)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            // Four Information lines per message cost more than the message under load; ConnectorClient logs what fails.
            .RemoveAllLoggers()
            .AddResilienceHandler("teams-connector", pipeline =>
            {
                // Teams gives up on an activity after 15 s; no answer is worth waiting much longer for.
                pipeline.AddTimeout(TimeSpan.FromSeconds(30));
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 4,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(500),
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = attempt => ValueTask.FromResult(attempt.Outcome.Result is { } response && Retried.Contains(response.StatusCode)),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(10));
            });

        services.AddSingleton(provider => new BotAuthenticator(settings,
            Keys(provider, settings.ChannelOpenIdMetadataUrl), Keys(provider, settings.EmulatorOpenIdMetadataUrl), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BotCredentials>();
        services.AddSingleton<TrustedServiceUrls>();
        services.AddSingleton<TeamsConversations>();
        services.AddSingleton<TeamsCards>();
        services.AddSingleton<IBotConnector, ConnectorClient>();
        services.AddSingleton<TeamsProactive>();
        services.AddSingleton<TeamsApprovalViewers>();
        services.AddSingleton<TeamsReplyChannel>();
        services.AddSingleton<IReplyChannel>(provider => provider.GetRequiredService<TeamsReplyChannel>());
        services.AddScoped<TeamsActivities>();
        services.AddScoped<TeamsInvokes>();
        return services;
    }

    public static WebApplication MapTeams(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<TeamsSettings>();
        if (!settings.Enabled)
        {
            app.Logger.LogInformation("Teams is off: {Path} answers 503 until MicrosoftAppId is set.", MessagesPath);
            app.MapPost(MessagesPath, () => Results.Text(TeamsSettings.OffMessage, "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable))
                .DisableAntiforgery();
            return app;
        }
        if (!settings.AuthenticationEnabled)
            app.Logger.LogWarning(
                "TEAMS AUTHENTICATION IS OFF: MicrosoftAppId is not set, so {Path} accepts activities without a token and anyone who can reach " +
                "this server can act as any Teams user. This is only for local development with the Microsoft 365 Agents Playground; " +
                "set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId before exposing the bot.", MessagesPath);
        app.MapPost(MessagesPath, TeamsEndpoint.HandleAsync).AddEndpointFilter<BotFrameworkAuthentication>().DisableAntiforgery();
        return app;
    }

    private static SigningKeys Keys(IServiceProvider provider, Uri metadataUrl) =>
        new(metadataUrl, provider.GetRequiredService<IHttpClientFactory>(), provider.GetRequiredService<ILogger<SigningKeys>>());
}
