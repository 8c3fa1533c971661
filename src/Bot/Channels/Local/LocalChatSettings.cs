namespace NumbersBot.Bot.Channels.Local;

/// <summary>
/// LocalChat:Enabled (unset: on in Development only) and LocalChat:AdaptiveCardsScriptUrl (unset: the copy the bot serves
/// itself, so the chat works offline; set it to an http(s) URL such as the CDN's to load the renderer from there).
/// </summary>
public sealed record LocalChatSettings(bool? Enabled, string AdaptiveCardsScriptUrl)
{
    public static LocalChatSettings From(IConfiguration configuration)
    {
        var enabledText = configuration["LocalChat:Enabled"];
        bool? enabled = string.IsNullOrWhiteSpace(enabledText) ? null
            : bool.TryParse(enabledText.Trim(), out var value) ? value
            : throw new ConfigurationProblem($"LocalChat:Enabled is '{enabledText}'; use true or false.");

        var url = configuration["LocalChat:AdaptiveCardsScriptUrl"];
        if (string.IsNullOrWhiteSpace(url)) return new LocalChatSettings(enabled, PinnedRenderer.ScriptPath);
        url = url.Trim();
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? new LocalChatSettings(enabled, url)
            : throw new ConfigurationProblem(
                $"LocalChat:AdaptiveCardsScriptUrl is '{url}'; it must be an http(s) URL of adaptivecards.min.js, such as {LocalChat.CdnAdaptiveCardsScriptUrl}, or unset for the copy the bot serves.");
    }
}
