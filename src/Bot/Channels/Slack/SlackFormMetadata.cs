using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// What a modal carries to its submission in private_metadata (Slack keeps at most 3000 characters): the form's
/// button data, and the response_url of the message the form was opened from, so the result replaces that message.
/// </summary>
public sealed record SlackFormMetadata(
    string? Project, string? Environment, string? RequestKey, string? NumberId, int? Version, string? ResponseUrl,
    string? User = null, string? UserName = null, string? Variant = null)
{
    public const int MaxLength = 3000;

    public static SlackFormMetadata For(Reply form, string? responseUrl) => form.Model switch
    {
        AddNumberFormView add => new(add.Project.Id, add.Environment.Key, add.RequestKey, null, null, responseUrl),
        ReassignFormView reassign => new(reassign.Project.Id, reassign.Environment.Key, null, reassign.Number.Id, reassign.Number.Version, responseUrl),
        ProjectFormView project => new(project.Project?.Id, null, null, null, null, responseUrl),
        SipFormView sip => new(sip.Project.Id, sip.Environment.Key, null, null, null, responseUrl),
        AccessFormView access => new(null, null, null, null, null, responseUrl, access.Person?.Key, access.Person?.Name),
        VariantFormView variant => new(variant.Project.Id, null, null, null, null, responseUrl, Variant: variant.Variant?.Id),
        _ => throw new ArgumentException($"The view '{form.View}' is not a form.", nameof(form)),
    };

    public string ToJson()
    {
        var json = JsonSerializer.Serialize(this, Options);
        return json.Length <= MaxLength ? json : throw new InvalidOperationException($"A modal's metadata is {json.Length} characters; Slack keeps {MaxLength}.");
    }

    public static SlackFormMetadata Parse(string? json)
    {
        try
        {
            return JsonSerializer.Deserialize<SlackFormMetadata>(json ?? "", Options)
                ?? throw new SlackRequestException("The form's private_metadata is empty.");
        }
        catch (JsonException)
        {
            throw new SlackRequestException("The form's private_metadata is not what NumbersBot put there.");
        }
    }

    /// <summary>The button data the form's verb needs, with the inputs added by the caller.</summary>
    public Dictionary<string, string?> Data() => new(StringComparer.Ordinal)
    {
        [Keys.Project] = Project,
        [Keys.Environment] = Environment,
        [Keys.RequestKey] = RequestKey,
        [Keys.NumberId] = NumberId,
        [Keys.Version] = Version?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [Keys.User] = User,
        [Keys.UserName] = UserName,
        [Keys.Variant] = Variant,
    };

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
