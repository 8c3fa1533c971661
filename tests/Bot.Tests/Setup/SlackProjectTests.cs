using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Channels.Slack;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Tests.Setup;

/// <summary>Projects through Slack: the demo project is there, UADMIN is an admin, anyone else has no access.</summary>
public class SlackProjectTests
{
    [Fact]
    public async Task An_admin_creates_a_project_with_the_typed_command()
    {
        await using var bot = await SlackBot.StartAsync();

        var card = await bot.NumbersAsync("project new Acme Voice");

        Assert.Contains("Created Acme Voice. Next: set each environment's SIP addresses", Blocks.AllText(card));
        Assert.Contains("Acme Voice", (await ProjectsAsync(bot)).Select(p => p.Name));
        Assert.Contains("Acme Voice", Blocks.AllText(await bot.NumbersAsync("projects")));
    }

    [Fact]
    public async Task Someone_who_is_not_an_admin_is_told_who_may_create_projects()
    {
        await using var bot = await SlackBot.StartAsync();

        var answer = await bot.NumbersAsync("project new Acme Voice", user: "USTRANGER");

        Assert.Contains("Only a NumbersBot admin can create a project: Alice (admin), Bob (admin), Slack UADMIN or Slack UADMIN2.", Blocks.AllText(answer));
        Assert.DoesNotContain("Acme Voice", (await ProjectsAsync(bot)).Select(p => p.Name));
    }

    [Fact]
    public async Task A_bad_SIP_address_is_shown_under_its_field_and_nothing_changes()
    {
        await using var bot = await SlackBot.StartAsync();
        var modal = await OpenSipFormAsync(bot, "Live", "sip");

        using var response = await bot.SubmitAsync(modal, SipValues("https://acme.example.com", "sip:backup@acme.example.com"));

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", answer["response_action"]!.GetValue<string>());
        Assert.Contains("is not a SIP URI", answer["errors"]!["main"]!.GetValue<string>());
        Assert.Equal("sip:live@demo.voice.example.com", (await ProjectsAsync(bot)).Single(p => p.Id == "demo").SipFor(AgentEnvironment.Live).Main);
    }

    [Fact]
    public async Task New_SIP_addresses_show_progress_then_which_numbers_moved()
    {
        await using var bot = await SlackBot.StartAsync();
        var modal = await OpenSipFormAsync(bot, "Live", "sip");

        using var response = await bot.SubmitAsync(modal, SipValues("sip:new@acme.example.com", "sip:backup@acme.example.com"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var progress = await bot.Slack.WaitForAsync(c => c.Method == "response_url:sip");
        Assert.Contains("Saving Live's SIP addresses and re-routing its numbers", Blocks.AllText(progress.Body));
        var result = await bot.Slack.WaitForAsync(c => c.Method == "response_url:sip" && Blocks.AllText(c.Body).Contains("Moved:"), TimeSpan.FromSeconds(30));
        Assert.Contains("Live now sends calls to sip:new@acme.example.com (fallback sip:backup@acme.example.com). Moved: +1 415-555-0102, +44 7700 900103.",
            Blocks.AllText(result.Body));
    }

    [Fact]
    public async Task With_several_projects_numbers_asks_which_and_remembers_the_answer_in_that_channel()
    {
        await using var bot = await SlackBot.StartAsync();
        await bot.NumbersAsync("project new Acme Voice");

        var question = await bot.NumbersAsync("");
        Assert.Contains("Which project?", Blocks.AllText(question));
        using var click = await bot.ClickAsync(Blocks.Button(question, Verbs.ShowProject, b => Blocks.Value(b)["project"]!.GetValue<string>() == "demo"), "choose");
        var settings = await bot.Slack.WaitForAsync(c => c.Method == "response_url:choose");
        using var open = await bot.ClickAsync(Blocks.Button(settings.Body, Verbs.ChooseProject), "open");
        await bot.Slack.WaitForAsync(c => c.Method == "response_url:open" && Blocks.AllText(c.Body).Contains("Phone numbers · Demo Agent"));

        Assert.Contains("Phone numbers · Demo Agent", Blocks.AllText(await bot.NumbersAsync("")));
    }

    [Fact]
    public async Task History_shows_a_projects_settings_and_who_changed_access()
    {
        await using var bot = await SlackBot.StartAsync();
        await bot.NumbersAsync("project new Acme Voice");

        var history = Blocks.AllText(await bot.NumbersAsync("history project Acme Voice"));
        Assert.Contains("History of Acme Voice", history);
        Assert.Contains("Project created", history);
        Assert.Contains("Acme Voice (id acme-voice), uses variants, no telephony integration", history);
        Assert.Contains("Access changes", Blocks.AllText(await bot.NumbersAsync("history access")));
        Assert.Contains("Only a NumbersBot admin can see who was granted access: Alice (admin)", Blocks.AllText(await bot.NumbersAsync("history access", user: "USTRANGER")));
    }

    internal static async Task<IReadOnlyList<Project>> ProjectsAsync(SlackBot bot)
    {
        await using var scope = bot.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IProjectRepository>().ListAsync(default);
    }

    private static async Task<JsonObject> OpenSipFormAsync(SlackBot bot, string environment, string responseUrlId)
    {
        var card = await bot.NumbersAsync("project demo");
        using var click = await bot.ClickAsync(Blocks.Button(card, $"{Verbs.SipForm}:{environment}"), responseUrlId);
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        return (await bot.Slack.WaitForAsync(c => c.Method == "views.open")).Body["view"]!.AsObject();
    }

    internal static JsonObject SipValues(string main, string fallback) => new()
    {
        ["main"] = new JsonObject { ["main"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = main } },
        ["fallback"] = new JsonObject { ["fallback"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = fallback } },
    };
}
