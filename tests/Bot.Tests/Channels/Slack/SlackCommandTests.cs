using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain.Actions;

namespace NumbersBot.Bot.Tests.Channels.Slack;

public class SlackCommandTests
{
    [Fact]
    public async Task Numbers_is_acknowledged_at_once_with_the_projects_numbers_as_blocks()
    {
        await using var bot = await SlackBot.StartAsync();

        var clock = Stopwatch.StartNew();
        using var response = await bot.CommandAsync("");
        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"acknowledged after {clock.Elapsed.TotalMilliseconds:0} ms");
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", message["response_type"]!.GetValue<string>());
        var headers = message["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "header").Select(b => b!["text"]!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(["Phone numbers · Demo Agent", "Sandbox (2)", "Pre-release (1)", ":red_circle: Live (2)"], headers);
        Assert.Contains("*+44 7700 900101*", Blocks.AllText(message));
        Assert.Contains("`sip:live@demo.voice.example.com`", Blocks.AllText(message));
        Assert.Equal(5, Blocks.Buttons(message).Count(b => b["action_id"]!.GetValue<string>().StartsWith(Verbs.Delete + ":", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("", Verbs.ShowNumbers, null)]
    [InlineData("demo", Verbs.ShowNumbers, "demo")]
    [InlineData("  Demo  Agent ", Verbs.ShowNumbers, "Demo Agent")]
    [InlineData("approvals", Verbs.ShowApprovals, null)]
    [InlineData("history +14155550101", Verbs.ShowHistory, null)]
    [InlineData("help", Verbs.Help, null)]
    public void The_text_after_the_command_picks_the_verb(string text, string verb, string? project)
    {
        var (parsed, data) = SlackCommands.Parse(text);

        Assert.Equal(verb, parsed);
        Assert.Equal(project, data.GetValueOrDefault(Keys.Project));
    }

    [Fact]
    public async Task Approvals_and_history_and_help_answer_with_their_views()
    {
        await using var bot = await SlackBot.StartAsync();

        Assert.Contains("Pending approvals (0)", Blocks.AllText(await bot.NumbersAsync("approvals")));
        Assert.Contains("History of +1 415-555-0101", Blocks.AllText(await bot.NumbersAsync("history +14155550101")));
        var help = Blocks.AllText(await bot.NumbersAsync("help"));
        Assert.Contains("*history [number]*", help); 
    }

    [Fact]
    public async Task An_unknown_word_after_the_command_is_no_project_and_the_answer_says_where_the_projects_and_commands_are()
    {
        await using var bot = await SlackBot.StartAsync();

        var message = await bot.NumbersAsync("frobnicate");

        var text = Blocks.AllText(message);
        Assert.Contains("There is no project 'frobnicate'. Projects: Demo Agent.", text);
        Assert.Contains(ProjectGate.WhereToLook, text);
        Assert.Contains(Blocks.Buttons(message), b => b["action_id"]!.GetValue<string>() == "help:error");
    }

    [Fact]
    public async Task Someone_without_access_is_told_why_and_only_they_see_it()
    {
        await using var bot = await SlackBot.StartAsync();

        var message = await bot.NumbersAsync("", user: "USTRANGER");

        Assert.Equal("ephemeral", message["response_type"]!.GetValue<string>());
        Assert.Contains("Not allowed", Blocks.AllText(message));
        Assert.DoesNotContain(Blocks.Buttons(message), b => b["action_id"]!.GetValue<string>().StartsWith("number.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_person_is_named_as_Slack_knows_them()
    {
        await using var bot = await SlackBot.StartAsync();

        var message = await bot.NumbersAsync();

        Assert.Contains("Viewing as Slack UADMIN", Blocks.AllText(message));
        Assert.Contains(bot.Slack.Calls, c => c.Method == "users.info" && c.Body["user"]!.GetValue<string>() == SlackBot.Admin);
    }
}
