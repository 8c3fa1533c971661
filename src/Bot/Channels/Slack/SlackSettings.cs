using NumbersBot.Bot.Hosting;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// Slack:SigningSecret (without it the channel is off), Slack:BotToken (Web API calls: modals, posts, user names),
/// Slack:ApiBaseUrl (default https://slack.com/api/) and Slack:ApprovalsChannel (where Live deletion requests are announced).
/// </summary>
public sealed record SlackSettings(string? SigningSecret, string? BotToken, Uri ApiBaseUrl, string? ApprovalsChannel)
{
    public const string DefaultApiBaseUrl = "https://slack.com/api/";

    /// <summary>Slack's largest payloads (a block action carries the whole message, form-encoded) stay well below this.</summary>
    public const int MaxBodyBytes = 128 * 1024;

    public bool Enabled => !string.IsNullOrEmpty(SigningSecret);

    public bool CanCallApi => !string.IsNullOrEmpty(BotToken);

    /// <summary>The record's generated text would print the signing secret and the bot token.</summary>
    public override string ToString() =>
        $"SlackSettings {{ SigningSecret = {Redacted.Of(SigningSecret)}, BotToken = {Redacted.Of(BotToken)}, " +
        $"ApiBaseUrl = {ApiBaseUrl}, ApprovalsChannel = {ApprovalsChannel} }}";

    public static SlackSettings From(IConfiguration configuration)
    {
        var text = configuration["Slack:ApiBaseUrl"];
        var url = string.IsNullOrWhiteSpace(text) ? DefaultApiBaseUrl : text.Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ConfigurationProblem($"Slack:ApiBaseUrl is '{text}'; it must be an http(s) URL such as {DefaultApiBaseUrl}.");
        // Relative method names ("chat.update") resolve under the base only when it ends with a slash.
        if (!uri.AbsolutePath.EndsWith('/')) uri = new Uri(uri + "/");
        var settings = new SlackSettings(Value(configuration, "Slack:SigningSecret"), Value(configuration, "Slack:BotToken"), uri,
            Value(configuration, "Slack:ApprovalsChannel"));
        if (settings.CanCallApi && !settings.Enabled)
            throw new ConfigurationProblem(
                "Slack:BotToken is set but Slack:SigningSecret is not, so no Slack request could be verified; set the signing secret from the Slack app's Basic Information page (docs/slack.md).");
        return settings;
    }

    private static string? Value(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();
}
