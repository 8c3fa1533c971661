using System.Buffers;
using System.Text.Json;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// POST /api/messages: the token is checked before anything is read into the conversation; a forged request gets 401 and
/// causes nothing, a malformed one 400 (read by <see cref="ActivityReader"/>), a reply the connector refuses is logged and still 200, an oversized one 413, an activity type NumbersBot has no use for 200.
/// </summary>
public static class TeamsEndpoint
{
    /// <summary>Teams caps a bot message near 100 KB; anything past this is not an activity Teams sent.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    private static readonly HashSet<string> HandledTypes = new(StringComparer.Ordinal)
    {
        ActivityTypes.Message, ActivityTypes.Invoke, ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate,
    };

    public static async Task<IResult> HandleAsync(HttpContext context, CancellationToken ct)
    {
        var services = context.RequestServices;
        var settings = services.GetRequiredService<TeamsSettings>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsEndpoint));
        var authorization = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;
        if (settings.AuthenticationEnabled && string.IsNullOrWhiteSpace(authorization)) return Refused(logger, "no Authorization header");

        if (await ReadLimitedAsync(context.Request, ct) is not { } body) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

        ValidatedToken? token = null;
        if (settings.AuthenticationEnabled)
        {
            try
            {
                token = await services.GetRequiredService<BotAuthenticator>().ValidateAsync(authorization, ct);
            }
            catch (TokenRefused refused)
            {
                return Refused(logger, refused.Message);
            }
            catch (SigningKeysUnavailable unavailable)
            {
                // Not the sender's fault: the channel retries, and by then the keys may be back.
                logger.LogError("Cannot check the token on {Path}: {Reason}", TeamsChannel.MessagesPath, unavailable.Message);
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        }

        var read = ActivityReader.Read(body);
        if (read.Activity is not { } activity) return Results.BadRequest(read.Problem);
        if (activity.Type is null) return Results.BadRequest("The activity has no type.");
        if (token is not null)
        {
            try
            {
                BotAuthenticator.Authorize(token, activity.ChannelId, activity.ServiceUrl);
            }
            catch (TokenRefused refused)
            {
                return Refused(logger, refused.Message);
            }
        }
        if (!HandledTypes.Contains(activity.Type)) return Results.Ok();
        if (!IsServiceUrl(activity.ServiceUrl) || string.IsNullOrWhiteSpace(activity.Conversation?.Id))
            return Results.BadRequest("The activity needs an http(s) serviceUrl and a conversation id.");

        if (token is not null) await services.GetRequiredService<TrustedServiceUrls>().TrustAsync(activity.ServiceUrl!, ct);
        try
        {
            return await services.GetRequiredService<TeamsActivities>().HandleAsync(activity, context.Response, ct);
        }
        catch (ConnectorException failure) when (!context.Response.HasStarted)
        {
            // The activity itself was taken: a 5xx would only make Teams send it again.
            logger.LogWarning("Could not answer {Type} activity {Id}: {Failure}", activity.Type, activity.Id, failure.Message);
            return Results.Ok();
        }
    }

    private static IResult Refused(ILogger logger, string reason)
    {
        logger.LogWarning("Refused a request to {Path}: {Reason}", TeamsChannel.MessagesPath, reason);
        return Results.Unauthorized();
    }

    private static bool IsServiceUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);

    /// <summary>Reads at most <see cref="MaxBodyBytes"/>; null when the body is larger, whatever Content-Length claimed.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }
}
