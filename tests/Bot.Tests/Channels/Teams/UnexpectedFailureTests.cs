using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NumbersBot.Bot.Persistence;
using NumbersBot.Bot.Tests.Channels.Local;

namespace NumbersBot.Bot.Tests.Channels.Teams;

/// <summary>
/// A failure nobody foresaw (here the database refusing a write) is answered with a sentence and a reference the
/// operator finds in the log, never a bare 500 that tells the person nothing.
/// </summary>
public class UnexpectedFailureTests
{
    [Fact]
    public async Task A_storage_failure_in_a_turn_is_answered_with_a_sentence_and_a_reference_in_the_log()
    {
        var logs = new CollectedLogs();
        await using var bot = await TeamsBot.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(logs));
        await using (var scope = bot.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DbSession>().ExecuteAsync(
                "CREATE TRIGGER storage_down BEFORE INSERT ON projects BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END", null, CancellationToken.None);

        using var response = await bot.PostAsync(bot.Message("project new Acme Voice"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = TeamsBot.Text(Assert.Single(bot.Channel.Calls).Body);
        Assert.Contains("Something went wrong", reply);
        var reference = System.Text.RegularExpressions.Regex.Match(reply, @"reference ([0-9a-f]{12})").Groups[1].Value;
        Assert.NotEmpty(reference);
        Assert.DoesNotContain("disk I/O error", reply);
        Assert.DoesNotContain("   at ", reply);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains($"(reference {reference}", StringComparison.Ordinal));
    }
}
