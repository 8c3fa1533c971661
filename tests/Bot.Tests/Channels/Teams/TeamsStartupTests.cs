using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using NumbersBot.Bot.Channels.Teams;

namespace NumbersBot.Bot.Tests.Channels.Teams;

public class TeamsStartupTests
{
    [Fact]
    public async Task Production_without_an_app_id_refuses_to_start_with_one_sentence()
    {
        var folder = Directory.CreateTempSubdirectory("numbersbot-teams-start");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "NumbersBot.Bot.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = folder.FullName,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Numbers"] = $"Data Source={Path.Combine(folder.FullName, "n.db")}";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The bot started in Production without MicrosoftAppId.");
        }
        try { folder.Delete(recursive: true); } catch (IOException) { }

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("NumbersBot cannot start: MicrosoftAppId is not set", await stderr);
        Assert.DoesNotContain("   at ", await stderr);
    }

    [Theory]
    [InlineData("MicrosoftAppType", "Personal", "MicrosoftAppType is 'Personal'")]
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

        var problem = Assert.Throws<ConfigurationProblem>(() => TeamsSettings.From(configuration, isProduction: true));

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

        var settings = TeamsSettings.From(configuration, isProduction: true);

        Assert.Equal(new Uri(expected), settings.LoginUrl);
        Assert.Equal("https://api.botframework.com/.default", settings.OAuthScope);
    }
}
