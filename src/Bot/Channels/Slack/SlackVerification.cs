using System.Text.Json.Nodes;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// In front of every Slack endpoint: the channel must be configured, the body small enough, and the request
/// signed by Slack within the last five minutes; otherwise nothing else happens. Slack's unsigned ssl_check is
/// answered and ignored. A request that is signed but unreadable gets a plain 400, and nothing gets a 500.
/// </summary>
public sealed class SlackVerification(SlackSettings settings, TimeProvider clock, ILogger<SlackVerification> logger) : IEndpointFilter
{
    private const string BodyKey = "NumbersBot.Slack.Body";

    /// <summary>The verified body, for the endpoint behind this filter.</summary>
    public static SlackBody Body(HttpContext http) =>
        http.Items[BodyKey] as SlackBody ?? throw new InvalidOperationException("The Slack body is read only behind SlackVerification.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!settings.Enabled)
            return Plain(StatusCodes.Status503ServiceUnavailable,
                "Slack is not set up on this NumbersBot: Slack:SigningSecret is not configured, so no Slack request is accepted.");

        var bytes = await LimitedBody.ReadAsync(http.Request, SlackSettings.MaxBodyBytes, http.RequestAborted);
        if (bytes is null) return Plain(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {SlackSettings.MaxBodyBytes / 1024} KB.");
        var body = new SlackBody(bytes);
        if (IsSslCheck(http.Request, body)) return Results.Ok();

        var timestamp = http.Request.Headers["X-Slack-Request-Timestamp"].ToString();
        var signature = http.Request.Headers["X-Slack-Signature"].ToString();
        if (!SlackSignature.IsValid(settings.SigningSecret!, timestamp, signature, bytes, clock.GetUtcNow()))
        {
            logger.LogWarning("Refused a request to {Path} that is not signed by Slack (or was signed more than 5 minutes from now)", http.Request.Path);
            return Plain(StatusCodes.Status401Unauthorized, "This request is not signed by Slack.");
        }

        http.Items[BodyKey] = body;
        try
        {
            return await next(context);
        }
        catch (SlackRequestException unreadable)
        {
            return Plain(StatusCodes.Status400BadRequest, unreadable.Message);
        }
        catch (Exception failure) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(failure, "A Slack request to {Path} failed", http.Request.Path);
            // Slack shows this text for a command; for interactions and events it only needs the 200.
            return Results.Text(new JsonObject
            {
                ["response_type"] = "ephemeral",
                ["text"] = "NumbersBot could not answer that: something went wrong on its side, and it is logged. Try again in a moment.",
            }.ToJsonString(), "application/json");
        }
    }

    private static bool IsSslCheck(HttpRequest request, SlackBody body)
    {
        if (!request.HasFormContentType) return false;
        try
        {
            return body.Form.GetValueOrDefault("ssl_check") == "1";
        }
        catch (SlackRequestException)
        {
            return false;
        }
    }

    private static IResult Plain(int status, string message) => Results.Text(message, "text/plain; charset=utf-8", statusCode: status);
}
