using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Identity.Client;
using Polly.Timeout;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>The Bot Connector said no; <see cref="Code"/> is its error code, such as MessageWritesBlocked.</summary>
public sealed class ConnectorException(HttpStatusCode status, string? code, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public string? Code { get; } = code;
}

/// <summary>
/// The <see cref="IBotConnector"/> over HTTP. The bot's token is attached only for service URLs that came with an
/// authenticated activity; throttling answers are retried by the resilience handler registered for <see cref="TeamsHttp.Connector"/>.
/// </summary>
public sealed class ConnectorClient(
    IHttpClientFactory http, BotCredentials credentials, TrustedServiceUrls trusted, ILogger<ConnectorClient> logger) : IBotConnector
{
    public async Task<string?> SendAsync(string serviceUrl, string conversationId, OutgoingJson activity, CancellationToken ct) =>
        Id(await CallAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", activity.Utf8, ct));

    public async Task<string?> ReplyAsync(string serviceUrl, string conversationId, string activityId, OutgoingJson activity, CancellationToken ct) =>
        Id(await CallAsync(HttpMethod.Post, serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity.Utf8, ct));

    public async Task UpdateAsync(string serviceUrl, string conversationId, string activityId, OutgoingJson activity, CancellationToken ct)
    {
        using var withId = activity.WithFirst("id", activityId);
        await CallAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", withId.Utf8, ct);
    }

    public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken ct) =>
        CallAsync(HttpMethod.Delete, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", (ReadOnlyMemory<byte>?)null, ct);

    public async Task<string> CreateConversationAsync(string serviceUrl, string botId, string userId, string tenantId, CancellationToken ct)
    {
        var parameters = new JsonObject
        {
            ["isGroup"] = false,
            ["bot"] = new JsonObject { ["id"] = botId },
            ["members"] = new JsonArray(new JsonObject { ["id"] = userId }),
            ["tenantId"] = tenantId,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
        };
        return Id(await CallAsync(HttpMethod.Post, serviceUrl, "v3/conversations", parameters, ct))
               ?? throw new ConnectorException(HttpStatusCode.OK, null, "The connector created a conversation but returned no id.");
    }

    private Task<JsonNode?> CallAsync(HttpMethod method, string serviceUrl, string path, JsonObject? body, CancellationToken ct)
    {
        if (body is null) return CallAsync(method, serviceUrl, path, (ReadOnlyMemory<byte>?)null, ct);
        var json = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString());
        return CallAsync(method, serviceUrl, path, json, ct);
    }

    private async Task<JsonNode?> CallAsync(HttpMethod method, string serviceUrl, string path, ReadOnlyMemory<byte>? body, CancellationToken ct)
    {
        try
        {
            return await ExchangeAsync(method, serviceUrl, path, body, ct);
        }
        catch (MsalException failure)
        {
            logger.LogError("Could not get the bot's own token ({Code}); check MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId: {Message}",
                failure.ErrorCode, failure.Message);
            throw new ConnectorException(HttpStatusCode.Unauthorized, "BotTokenUnavailable", $"The bot could not get its token: {failure.ErrorCode}.");
        }
        catch (Exception failure) when (failure is HttpRequestException or TimeoutRejectedException)
        {
            logger.LogWarning("The Bot Connector at {ServiceUrl} did not answer {Method} {Path}: {Failure}", serviceUrl, method, path, failure.Message);
            throw new ConnectorException(HttpStatusCode.GatewayTimeout, "Unreachable", $"The Bot Connector did not answer: {failure.Message}");
        }
    }

    private async Task<JsonNode?> ExchangeAsync(HttpMethod method, string serviceUrl, string path, ReadOnlyMemory<byte>? body, CancellationToken ct)
    {
        var baseUrl = TrustedServiceUrls.Normalize(serviceUrl);
        using var request = new HttpRequestMessage(method, new Uri(new Uri(baseUrl), path));
        if (body is { } json)
        {
            request.Content = new ReadOnlyMemoryContent(json);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        var token = await credentials.GetTokenAsync(ct);
        if (token is not null)
        {
            if (!await trusted.IsTrustedAsync(baseUrl, ct))
            {
                logger.LogError("Refused to send the bot's token to {ServiceUrl}: no authenticated activity came from it", baseUrl);
                throw new ConnectorException(HttpStatusCode.Forbidden, "UntrustedServiceUrl",
                    $"{baseUrl} did not come with an authenticated activity, so the bot's token is not sent there.");
            }
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.CreateClient(TeamsHttp.Connector).SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode) return Parse(text);

        var (code, message) = Error(text);
        if (response.StatusCode == HttpStatusCode.Forbidden && code == "MessageWritesBlocked")
            logger.LogWarning("Teams refused {Method} {Path}: the user has blocked NumbersBot in this conversation (MessageWritesBlocked); " +
                              "nothing more can be sent there until they unblock it", method, path);
        else
            logger.LogWarning("The Bot Connector answered {Status} {Code} to {Method} {Path}: {Message}", (int)response.StatusCode, code, method, path, message);
        throw new ConnectorException(response.StatusCode, code, $"The Bot Connector answered {(int)response.StatusCode} {code}: {message}");
    }

    private static string Escape(string id) => Uri.EscapeDataString(id);

    private static string? Id(JsonNode? answer) => answer?["id"]?.GetValueKind() == JsonValueKind.String ? answer["id"]!.GetValue<string>() : null;

    private static JsonNode? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return null; }
    }

    private static (string? Code, string Message) Error(string text)
    {
        var error = Parse(text) is JsonObject answer ? answer["error"] as JsonObject : null;
        var code = error?["code"]?.GetValueKind() == JsonValueKind.String ? error["code"]!.GetValue<string>() : null;
        var message = error?["message"]?.GetValueKind() == JsonValueKind.String ? error["message"]!.GetValue<string>() : text;
        return (code, message.Length > 300 ? message[..300] : message);
    }
}
