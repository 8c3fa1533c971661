namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// The Bot Framework's rules for POST /api/messages as an endpoint filter, so the handler only ever sees an activity
/// that passed them: the bearer token (<see cref="BotAuthenticator"/>), then the activity it came with (the key endorsed
/// for its channel, the serviceurl claim equal to its serviceUrl). A forged request gets 401 and causes nothing, a
/// malformed one 400 (read by <see cref="ActivityReader"/>), an oversized one 413; keys that cannot be had, 503.
/// </summary>
public sealed class BotFrameworkAuthentication(TeamsSettings settings, ILogger<BotFrameworkAuthentication> logger) : IEndpointFilter
{
    /// <summary>Teams caps a bot message near 100 KB; anything past this is not an activity Teams sent.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        var authorization = http.Request.Headers.Authorization.Count > 0 ? http.Request.Headers.Authorization.ToString() : null;
        if (settings.AuthenticationEnabled && string.IsNullOrWhiteSpace(authorization)) return Refused("no Authorization header");

        if (await LimitedBody.ReadAsync(http.Request, MaxBodyBytes, ct) is not { } body) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);

        ValidatedToken? token = null;
        if (settings.AuthenticationEnabled)
        {
            try
            {
                token = await http.RequestServices.GetRequiredService<BotAuthenticator>().ValidateAsync(authorization, ct);
            }
            catch (TokenRefused refused)
            {
                return Refused(refused.Message);
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
                return Refused(refused.Message);
            }
        }
        http.Features.Set(new AuthenticatedActivity(activity, Authenticated: token is not null));
        return await next(context);
    }

    private IResult Refused(string reason)
    {
        logger.LogWarning("Refused a request to {Path}: {Reason}", TeamsChannel.MessagesPath, reason);
        return Results.Unauthorized();
    }
}
