using Microsoft.Extensions.Configuration;
using NumbersBot.Bot.Hosting;
using NumbersBot.Bot.Persistence;
using NumbersBot.Bot.Telephony;

namespace NumbersBot.Bot.Tests.Hosting;

public class BotSettingsTests
{
    private static IConfiguration With(string key, string value) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

    [Theory]
    [InlineData("postgres", DatabaseProvider.Postgres)]
    [InlineData(" SqlServer ", DatabaseProvider.SqlServer)]
    public void A_choice_is_read_by_name_in_any_case(string text, DatabaseProvider expected) =>
        Assert.Equal(expected, BotSettings.Choice(With("Database:Provider", text), "Database:Provider", DatabaseProvider.Sqlite));

    [Theory]
    [InlineData("1")]
    [InlineData("Oracle")]
    public void A_choice_that_is_not_one_of_the_names_is_refused_naming_them(string text)
    {
        var problem = Assert.Throws<ConfigurationProblem>(() => DatabaseOptions.FromConfiguration(With("Database:Provider", text), "/tmp"));
        Assert.Equal($"Database:Provider is '{text}'; use Sqlite, Postgres or SqlServer.", problem.Message);
    }

    [Fact]
    public void A_single_choice_is_named_on_its_own()
    {
        var problem = Assert.Throws<ConfigurationProblem>(() =>
            BotSettings.Choice(With("Telephony:Provider", "0"), "Telephony:Provider", TelephonyProviderKind.Simulated));
        Assert.StartsWith("Telephony:Provider is '0'; use Simulated", problem.Message);
    }
}
