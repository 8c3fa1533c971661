using System.Net;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Channels.Local;
using NumbersBot.Bot.Tests.Cards;
using NumbersBot.Bot.Tests.Hosting;

namespace NumbersBot.Bot.Tests.Channels.Local;

/// <summary>The chat page needs nothing from the internet: the bot serves the official renderer, pinned, with its licence.</summary>
public class PinnedRendererTests
{
    [Fact]
    public async Task Unset_the_page_loads_the_renderer_the_bot_serves_itself_with_its_licence()
    {
        using var app = new NumbersBotApp();
        var client = app.CreateClient();

        var page = await client.GetStringAsync("/");
        using var script = await client.GetAsync(PinnedRenderer.ScriptPath);
        var licence = await client.GetStringAsync(PinnedRenderer.LicencePath);

        Assert.Contains($"<script id=\"adaptivecards-script\" src=\"{PinnedRenderer.ScriptPath}\"", page);
        Assert.DoesNotContain("unpkg.com", page);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PinnedRenderer.Script, await script.Content.ReadAsByteArrayAsync());
        Assert.Contains("MIT License", licence);
        Assert.Contains("Copyright (c) 2017 Microsoft", licence);
    }

    [Fact]
    public async Task The_cdn_stays_an_option_by_configuration()
    {
        using var app = new NumbersBotApp().With("LocalChat:AdaptiveCardsScriptUrl", LocalChat.CdnAdaptiveCardsScriptUrl);

        var page = await app.CreateClient().GetStringAsync("/");

        Assert.Contains($"src=\"{LocalChat.CdnAdaptiveCardsScriptUrl}\"", page);
    }

    [Fact]
    public void The_pinned_copy_is_the_version_the_card_checks_install()
    {
        var package = JsonNode.Parse(File.ReadAllText(Path.Combine(TemplateCase.RepositoryRoot, "tests", "js", "package.json")))!;

        Assert.Equal(PinnedRenderer.Version, package["dependencies"]!["adaptivecards"]!.GetValue<string>());
    }

    [SkippableFact]
    public void The_pinned_copy_is_byte_for_byte_the_npm_packages_build()
    {
        OfficialPackages.RequireAvailable();
        var npm = Path.Combine(TemplateCase.RepositoryRoot, "tests", "js", "node_modules", "adaptivecards", "dist", "adaptivecards.min.js");

        Assert.Equal(File.ReadAllBytes(npm), PinnedRenderer.Script);
    }

    [Fact]
    public async Task In_development_the_console_says_where_the_chat_is()
    {
        await using var bot = BotProcess.Start("Development", ("Demo__Seed", "false"));
        var listening = await bot.ListeningAsync();

        var line = await bot.SaysAsync("Local chat: ");

        Assert.Contains($"Local chat: http://{listening.Authority}/", line);
    }
}
