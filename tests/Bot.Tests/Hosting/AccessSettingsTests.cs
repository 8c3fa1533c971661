using Microsoft.Extensions.Configuration;
using NumbersBot.Bot.Hosting;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Tests.Hosting;

public class AccessSettingsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.ToDictionary(p => p.Key, p => (string?)p.Value)).Build();

    [Fact]
    public void Starting_access_is_read_per_workspace_with_unset_levels_as_None()
    {
        var defaults = BotSettings.AccessDefaults(Settings(
            ("Access:Defaults:slack:T0123:Numbers", "read"),
            ("Access:Defaults:teams:72F988BF-0000:Variants", "Edit"),
            ("Access:Defaults:local:Numbers", "Edit")));

        Assert.Equal(
            [new StartingAccess("local", AccessLevel.Edit, AccessLevel.None), new StartingAccess("slack:T0123", AccessLevel.Read, AccessLevel.None),
             new StartingAccess("teams:72f988bf-0000", AccessLevel.None, AccessLevel.Edit)],
            defaults.All);
    }

    [Theory]
    [InlineData("Access:Defaults:slack:T0123:Numbers", "Write", "Access:Defaults:slack:T0123:Numbers is 'Write'; use None, Read or Edit.")]
    [InlineData("Access:Defaults:slack:Numbers", "Read", "Access:Defaults:slack:Numbers needs a workspace: Access:Defaults:slack:<tenant or team id>:Numbers = None, Read or Edit.")]
    [InlineData("Access:Defaults:discord:G1:Numbers", "Read", "Access:Defaults:discord:G1: 'discord:G1' is not a workspace. Use teams:<tenant id>, slack:<team id> or local.")]
    [InlineData("Access:Defaults:slack:T0123:Number", "Read", "Access:Defaults:slack:T0123:Number is not a setting; use Access:Defaults:slack:T0123:Numbers and Access:Defaults:slack:T0123:Variants.")]
    public void A_bad_starting_access_stops_start_up_with_one_sentence(string key, string value, string sentence) =>
        Assert.Equal(sentence, Assert.Throws<ConfigurationProblem>(() => BotSettings.AccessDefaults(Settings((key, value)))).Message);

    [Fact]
    public void Admins_from_an_appsettings_array_are_read_even_when_its_section_reads_as_empty()
    {
        var admins = BotSettings.Admins(Settings(("Access:Admins", ""), ("Access:Admins:0", "local:alice")));

        Assert.Equal(["local:alice"], admins.Select(a => a.Key));
    }
}
