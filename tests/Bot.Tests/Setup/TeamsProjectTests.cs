using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Channels.Teams;
using NumbersBot.Domain.Audit;

namespace NumbersBot.Bot.Tests.Setup;

/// <summary>Projects through Teams Universal Actions (the demo project; the Teams admin of TeamsBot).</summary>
public class TeamsProjectTests
{
    [Fact]
    public async Task A_redelivered_rename_acts_once_and_shows_the_project_as_it_stands()
    {
        await using var bot = await TeamsBot.StartAsync();
        var invoke = bot.Execute(Verbs.UpdateProject, new JsonObject { [Keys.Project] = "demo", [Keys.Name] = "Demo Voice" });

        var first = TeamsBot.Text((await UniversalActionTests.Json(await bot.PostAsync(invoke)))["value"]);
        var again = TeamsBot.Text((await UniversalActionTests.Json(await bot.PostAsync(invoke)))["value"]);

        Assert.Contains("Renamed Demo Agent to Demo Voice.", first);
        Assert.Contains("Project · Demo Voice", again);
        Assert.DoesNotContain("Renamed", again);
        await using var scope = bot.Services.CreateAsyncScope();
        var trail = await scope.ServiceProvider.GetRequiredService<IAuditTrail>().ForProjectAsync("demo", 50, default);
        Assert.Single(trail, e => e.Action == AuditActions.ProjectRenamed);
    }

    [Fact]
    public async Task A_bad_SIP_address_brings_the_form_back_with_the_reason_and_changes_nothing()
    {
        await using var bot = await TeamsBot.StartAsync();

        await bot.PostAsync(bot.Execute(Verbs.SetSip, new JsonObject
        {
            [Keys.Project] = "demo", [Keys.Environment] = "Live", [Keys.Main] = "sip:new@acme.example.com", [Keys.Fallback] = "backup.example.com",
        }, replyToId: "sip-card"));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !bot.Channel.Calls.Any(c => c.Method == "PUT" && TeamsBot.Text(c.Body).Contains("is not a SIP URI")))
            await Task.Delay(100);
        var form = bot.Channel.Calls.Last(c => c.Method == "PUT");
        Assert.Contains("The fallback SIP address 'backup.example.com' is not a SIP URI", TeamsBot.Text(form.Body));
        Assert.Contains("Live SIP addresses", TeamsBot.Text(form.Body));
        await using var scope = bot.Services.CreateAsyncScope();
        Assert.DoesNotContain(await scope.ServiceProvider.GetRequiredService<IAuditTrail>().ForProjectAsync("demo", 50, default),
            e => e.Action == AuditActions.SipChanged);
    }
}
