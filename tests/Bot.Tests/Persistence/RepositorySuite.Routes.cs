using Dapper;
using NumbersBot.Bot.Persistence;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class RepositorySuite
{
    [SkippableFact]
    public async Task A_route_is_confirmed_against_its_projects_addresses_as_written_with_spaces_around_them_aside()
    {
        var project = NewProject("alpha", "Alpha");
        await using (var setup = NewInstance()) await setup.Projects.AddAsync(project, Ct);
        var number = await StoredNumberAsync("+14155550100");
        var live = project.SipFor(AgentEnvironment.Live);
        await using (var prompt = SqlDialect.For(Options.Provider).CreateConnection(Options.ConnectionString))
        {
            await prompt.OpenAsync();
            // Padded by hand at a SQL prompt: the bot reads (and routes to) the address without the spaces.
            await prompt.ExecuteAsync("UPDATE projects SET live_sip_main = @main WHERE id = 'alpha'", new { main = $"  {live.Main} " });
        }
        await using var bot = NewInstance();
        var read = (await bot.Projects.FindAsync("alpha", Ct))!.SipFor(AgentEnvironment.Live);

        // A case-only change is another address (SIP user parts are case-sensitive), on every database's collation.
        Assert.False(await bot.Numbers.MarkRoutedAsync(number, new SipAddresses("sip:" + live.Main[4..].ToUpperInvariant(), live.Fallback), Ct));
        Assert.Equal(live, read);
        Assert.True(await bot.Numbers.MarkRoutedAsync(number, read, Ct));
    }
}
