using Microsoft.Extensions.Configuration;
using NumbersBot.Bot.Channels.Local;

namespace NumbersBot.Bot.Tests.Channels.Local;

public class LocalChatSettingsTests
{
    [Fact]
    public void Unset_it_follows_the_environment_and_loads_the_renderer_the_bot_serves()
    {
        var settings = LocalChatSettings.From(Configuration());
        Assert.Null(settings.Enabled);
        Assert.Equal(PinnedRenderer.ScriptPath, settings.AdaptiveCardsScriptUrl);
    }

    [Theory]
    [InlineData("LocalChat:Enabled", "yes", "LocalChat:Enabled is 'yes'")]
    [InlineData("LocalChat:AdaptiveCardsScriptUrl", "adaptivecards.min.js", "LocalChat:AdaptiveCardsScriptUrl is 'adaptivecards.min.js'")]
    [InlineData("LocalChat:AdaptiveCardsScriptUrl", "file:///tmp/adaptivecards.min.js", "it must be an http(s) URL")]
    public void A_bad_setting_stops_start_up_with_a_clear_sentence(string key, string value, string expected)
    {
        var problem = Assert.Throws<ConfigurationProblem>(() => LocalChatSettings.From(Configuration((key, value))));
        Assert.Contains(expected, problem.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
