using System.Net;
using NumbersBot.Bot.Hosting;

namespace NumbersBot.Bot.Channels.Teams;

public enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMSI,
}

/// <summary>
/// The Bot Framework settings under the SDK's own top-level names, so an Azure Bot registration's values (or a test's
/// loopback endpoints) work unchanged. No MicrosoftAppId means Teams is off, except in Development, where
/// /api/messages then accepts activities without authentication (the Agents Playground).
/// </summary>
public sealed record TeamsSettings(
    string? AppId,
    string? AppPassword,
    BotAppType AppType,
    string? TenantId,
    Uri ChannelOpenIdMetadataUrl,
    string ChannelTokenIssuer,
    Uri EmulatorOpenIdMetadataUrl,
    Uri LoginUrl,
    string OAuthScope,
    string? ApprovalsConversationId,
    bool IsDevelopment = false)
{
    public const string DefaultChannelOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultChannelTokenIssuer = "https://api.botframework.com";
    public const string DefaultEmulatorOpenIdMetadataUrl = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";
    public const string DefaultLoginHost = "https://login.microsoftonline.com/";
    public const string DefaultOAuthScope = "https://api.botframework.com/.default";

    public const string OffMessage =
        "Teams is not set up on this NumbersBot: MicrosoftAppId is not configured, so no Teams activity is accepted.";

    public bool AuthenticationEnabled => AppId is not null;

    /// <summary>The record's generated text would print the app password.</summary>
    public override string ToString() =>
        $"TeamsSettings {{ AppId = {AppId}, AppPassword = {Redacted.Of(AppPassword)}, AppType = {AppType}, TenantId = {TenantId}, " +
        $"ApprovalsConversationId = {ApprovalsConversationId} }}";

    /// <summary>Configured, or open without authentication in Development; otherwise /api/messages answers 503.</summary>
    public bool Enabled => AppId is not null || IsDevelopment;

    public static TeamsSettings From(IConfiguration configuration, bool isDevelopment)
    {
        var appId = Text(configuration, "MicrosoftAppId");

        var type = AppTypeFrom(configuration);
        var tenant = Text(configuration, "MicrosoftAppTenantId");
        var password = Text(configuration, "MicrosoftAppPassword");
        if (appId is not null && type == BotAppType.UserAssignedMSI)
            throw new ConfigurationProblem("MicrosoftAppType UserAssignedMSI is not supported yet; register the bot as SingleTenant with a client secret.");
        if (appId is not null && password is null)
            throw new ConfigurationProblem("MicrosoftAppPassword is not set; the bot needs its client secret to answer Teams.");
        if (type == BotAppType.SingleTenant && tenant is null)
            throw new ConfigurationProblem("MicrosoftAppType is SingleTenant but MicrosoftAppTenantId is not set; use the Azure Bot's tenant id.");

        var login = Text(configuration, "ToChannelFromBotLoginUrl")
                    ?? DefaultLoginHost + (type == BotAppType.SingleTenant ? tenant : "botframework.com");
        var scope = Text(configuration, "ToChannelFromBotOAuthScope") ?? DefaultOAuthScope;
        return new TeamsSettings(
            appId,
            password,
            type,
            tenant,
            Url(configuration, "ToBotFromChannelOpenIdMetadataUrl", DefaultChannelOpenIdMetadataUrl),
            Text(configuration, "ToBotFromChannelTokenIssuer") ?? DefaultChannelTokenIssuer,
            Url(configuration, "ToBotFromEmulatorOpenIdMetadataUrl", DefaultEmulatorOpenIdMetadataUrl),
            // MSAL insists on https for an authority, even on loopback.
            Url(configuration, "ToChannelFromBotLoginUrl", login, httpsOnly: true),
            // The SDK's setting names the resource ("https://api.botframework.com"); MSAL wants the .default scope of it.
            scope.EndsWith("/.default", StringComparison.Ordinal) ? scope : scope.TrimEnd('/') + "/.default",
            Text(configuration, "Teams:ApprovalsConversationId"),
            isDevelopment);
    }

    /// <summary>Plain http is only ever right for a test or the Agents Playground on this machine.</summary>
    public static bool IsAllowedEndpoint(Uri url, bool httpsOnly = false) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (!httpsOnly && url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)));

    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static BotAppType AppTypeFrom(IConfiguration configuration)
    {
        var text = Text(configuration, "MicrosoftAppType");
        if (text is null) return BotAppType.MultiTenant;
        return EnumNames.TryParse<BotAppType>(text, out var type)
            ? type
            : throw new ConfigurationProblem($"MicrosoftAppType is '{text}'; use {EnumNames.Choices<BotAppType>()}.");
    }

    private static Uri Url(IConfiguration configuration, string key, string fallback, bool httpsOnly = false)
    {
        var text = Text(configuration, key) ?? fallback;
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && IsAllowedEndpoint(url, httpsOnly)
            ? url
            : throw new ConfigurationProblem(httpsOnly
                ? $"{key} is '{text}'; it must be an https URL."
                : $"{key} is '{text}'; it must be an https URL (http only on this machine's loopback address).");
    }

    private static string? Text(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();
}
