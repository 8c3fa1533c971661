using System.Text.Json;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>The parts of a Bot Framework activity NumbersBot reads (<see cref="ActivityReader"/>); everything else in the JSON is ignored.</summary>
public sealed record Activity
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? ChannelId { get; init; }
    public string? ServiceUrl { get; init; }
    public string? Text { get; init; }
    public string? ReplyToId { get; init; }
    public string? Action { get; init; }
    /// <summary>The sender's IANA time zone ("Europe/London"), which Teams sends with messages and invokes.</summary>
    public string? LocalTimezone { get; init; }
    public ChannelAccount? From { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public JsonElement? Value { get; init; }
    public TeamsChannelData? ChannelData { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }

    /// <summary>Teams puts the tenant in channelData; the conversation carries it too.</summary>
    public string? TenantId => ChannelData?.Tenant?.Id ?? Conversation?.TenantId;

    public bool AddsTheBot => MembersAdded?.Any(m => m?.Id is not null && m.Id == Recipient?.Id) == true;
}

public sealed record ChannelAccount(string? Id, string? Name, string? AadObjectId = null);

public sealed record ConversationAccount(string? Id, string? ConversationType = null, string? TenantId = null, bool? IsGroup = null);

public sealed record TeamsChannelData(TenantInfo? Tenant);

public sealed record TenantInfo(string? Id);

public sealed record Entity(string? Type, ChannelAccount? Mentioned, string? Text);

public static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string AdaptiveCardAction = "adaptiveCard/action";
}
