using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>Where a later reply goes in Slack: an interaction's response_url, or a message by channel and ts (chat.update).</summary>
public sealed record SlackAddress(string? ResponseUrl, string? Channel = null, string? Ts = null)
{
    public ReplyAddress ToReplyAddress() => new(SlackChannel.Name, ToJson());

    public string ToJson()
    {
        var json = new JsonObject();
        if (ResponseUrl is not null) json["response_url"] = ResponseUrl;
        if (Channel is not null) json["channel"] = Channel;
        if (Ts is not null) json["ts"] = Ts;
        return json.ToJsonString();
    }

    public static SlackAddress Parse(string json)
    {
        JsonObject address;
        try
        {
            address = JsonNode.Parse(json) as JsonObject ?? throw new SlackDeliveryException("A Slack reply address must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new SlackDeliveryException("A Slack reply address is not JSON.");
        }
        var parsed = new SlackAddress(SlackPayloads.Optional(address, "response_url"), SlackPayloads.Optional(address, "channel"),
            SlackPayloads.Optional(address, "ts"));
        return parsed.ResponseUrl is not null || (parsed.Channel is not null && parsed.Ts is not null)
            ? parsed
            : throw new SlackDeliveryException("A Slack reply address needs a response_url, or a channel and a ts.");
    }
}

/// <summary>
/// Delivers replies finished after the acknowledgement (a bought number): through response_url, replacing the
/// message the request came from so its stale buttons go, or with chat.update; posts new ones with chat.postMessage.
/// A failure throws, so it is tried again.
/// </summary>
public sealed class SlackReplyChannel(SlackApi api, SlackMessages messages) : IReplyChannel
{
    public string Channel => SlackChannel.Name;

    public async Task DeliverAsync(ReplyAddress address, Reply reply, CancellationToken ct)
    {
        var target = SlackAddress.Parse(address.Json);
        if (target.ResponseUrl is { } url)
        {
            using var response = messages.Message(reply, extras: reply.ReplacesCard ? Replacing : Ephemeral);
            try
            {
                await api.RespondAsync(url, response, ct);
            }
            catch (SlackDeliveryException failure) when (failure.Gone)
            {
                throw new ReplyAddressGoneException(failure.Message);
            }
            return;
        }
        using var update = messages.Message(reply, extras: w =>
        {
            w.WriteString("channel", target.Channel);
            w.WriteString("ts", target.Ts);
        });
        await api.RequireAsync("chat.update", update, ct);
    }

    /// <summary>A channel id, or a person's user key (slack:team:user): chat.postMessage opens the direct message by user id.</summary>
    public async Task<ReplyAddress> PostToAsync(string destination, Reply reply, CancellationToken ct)
    {
        var channel = destination.StartsWith("slack:", StringComparison.Ordinal) ? Domain.Access.UserRef.ParseKey(destination).Id : destination;
        using var message = messages.Message(reply, extras: w => w.WriteString("channel", channel));
        var posted = await api.RequireAsync("chat.postMessage", message, ct);
        var postedChannel = SlackPayloads.Optional(posted, "channel") ?? throw new SlackDeliveryException("Slack chat.postMessage answered without a channel.");
        var ts = SlackPayloads.Optional(posted, "ts") ?? throw new SlackDeliveryException("Slack chat.postMessage answered without a ts.");
        return new SlackAddress(null, postedChannel, ts).ToReplyAddress();
    }

    /// <summary>A response_url message that takes the place of the one the button was on.</summary>
    public static readonly Action<Utf8JsonWriter> Replacing = static w => w.WriteBoolean("replace_original", true);

    /// <summary>A response_url message only the person who clicked sees, leaving the original as it was.</summary>
    public static readonly Action<Utf8JsonWriter> Ephemeral = static w =>
    {
        w.WriteString("response_type", "ephemeral");
        w.WriteBoolean("replace_original", false);
    };
}
