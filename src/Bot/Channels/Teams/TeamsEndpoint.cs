namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// POST /api/messages behind <see cref="BotFrameworkAuthentication"/>: an activity type NumbersBot has no use for gets 200,
/// one without an http(s) serviceUrl or a conversation 400; a reply the connector refuses is logged and still 200.
/// </summary>
public static class TeamsEndpoint
{
    private static readonly HashSet<string> HandledTypes = new(StringComparer.Ordinal)
    {
        ActivityTypes.Message, ActivityTypes.Invoke, ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate,
    };

    public static async Task<IResult> HandleAsync(HttpContext context, CancellationToken ct)
    {
        var (activity, authenticated) = context.Features.Get<AuthenticatedActivity>()
            ?? throw new InvalidOperationException($"{TeamsChannel.MessagesPath} is mapped without {nameof(BotFrameworkAuthentication)}.");
        if (!HandledTypes.Contains(activity.Type!)) return Results.Ok();
        if (!IsServiceUrl(activity.ServiceUrl) || string.IsNullOrWhiteSpace(activity.Conversation?.Id))
            return Results.BadRequest("The activity needs an http(s) serviceUrl and a conversation id.");

        var services = context.RequestServices;
        if (authenticated) await services.GetRequiredService<TrustedServiceUrls>().TrustAsync(activity.ServiceUrl!, ct);
        try
        {
            return await services.GetRequiredService<TeamsActivities>().HandleAsync(activity, context.Response, ct);
        }
        catch (ConnectorException failure) when (!context.Response.HasStarted)
        {
            // The activity itself was taken: a 5xx would only make Teams send it again.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsEndpoint))
                .LogWarning("Could not answer {Type} activity {Id}: {Failure}", activity.Type, activity.Id, failure.Message);
            return Results.Ok();
        }
    }

    private static bool IsServiceUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}
