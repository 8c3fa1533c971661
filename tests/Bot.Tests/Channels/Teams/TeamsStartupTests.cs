using Microsoft.Extensions.Configuration;
using NumbersBot.Bot.Channels.Teams;

namespace NumbersBot.Bot.Tests.Channels.Teams;

public class TeamsStartupTests
{
    [Theory]
    [InlineData("MicrosoftAppType", "Personal", "MicrosoftAppType is 'Personal'")]
    [InlineData("MicrosoftAppType", "1", "MicrosoftAppType is '1'; use MultiTenant, SingleTenant or UserAssignedMSI")]
    [InlineData("MicrosoftAppPassword", "", "MicrosoftAppPassword is not set")]
    [InlineData("MicrosoftAppTenantId", "", "MicrosoftAppTenantId is not set")]
    [InlineData("ToBotFromChannelOpenIdMetadataUrl", "http://login.botframework.example/v1/.well-known/openidconfiguration", "must be an https URL")]
    [InlineData("ToChannelFromBotLoginUrl", "http://127.0.0.1:5000/tenant", "must be an https URL")]
    public void A_bad_bot_framework_setting_is_a_configuration_problem(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "app", ["MicrosoftAppPassword"] = "secret", ["MicrosoftAppType"] = "SingleTenant", ["MicrosoftAppTenantId"] = "tenant",
            [key] = value,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var problem = Assert.Throws<ConfigurationProblem>(() => TeamsSettings.From(configuration, isDevelopment: false));

        Assert.Contains(expected, problem.Message);
    }

    [Theory]
    [InlineData("MultiTenant", null, "https://login.microsoftonline.com/botframework.com")]
    [InlineData("SingleTenant", null, "https://login.microsoftonline.com/tenant-7")]
    [InlineData("SingleTenant", "https://login.microsoftonline.us/tenant-7", "https://login.microsoftonline.us/tenant-7")]
    public void The_login_authority_follows_the_app_type_unless_overridden(string type, string? loginUrl, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "app", ["MicrosoftAppPassword"] = "secret", ["MicrosoftAppType"] = type, ["MicrosoftAppTenantId"] = "tenant-7",
            ["ToChannelFromBotLoginUrl"] = loginUrl, ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
        }).Build();

        var settings = TeamsSettings.From(configuration, isDevelopment: false);

        Assert.Equal(new Uri(expected), settings.LoginUrl);
        Assert.Equal("https://api.botframework.com/.default", settings.OAuthScope);
    }

    [Fact]
    public void Printed_settings_never_show_the_app_password()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "app-1", ["MicrosoftAppPassword"] = "s3cr3t-password", ["MicrosoftAppType"] = "MultiTenant",
        }).Build();

        var printed = TeamsSettings.From(configuration, isDevelopment: false).ToString();

        Assert.DoesNotContain("s3cr3t-password", printed);
        Assert.Contains("AppId = app-1", printed);
        Assert.Contains("AppPassword = (set)", printed);
    }
}
