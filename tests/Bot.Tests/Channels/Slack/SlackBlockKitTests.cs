using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Cards;
using NumbersBot.Bot.Tests.Views;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Projects;
using Xunit.Abstractions;

namespace NumbersBot.Bot.Tests.Channels.Slack;

/// <summary>Every Slack template with every sample, through what the bot does before sending, against Slack's limits.</summary>
public class SlackBlockKitTests(ITestOutputHelper output)
{
    internal static readonly SlackMessages Messages = new(new CardRenderer(Path.Combine(TemplateCase.RepositoryRoot, "cards")));

    public static TheoryData<string> SlackCases => [.. TemplateCase.All.Where(c => !c.IsAdaptiveCard && c.Id.StartsWith("cards/", StringComparison.Ordinal)).Select(c => c.Id)];

    [Fact]
    public void Every_view_has_a_Slack_message_template_and_each_form_a_modal()
    {
        foreach (var view in ViewNames.All)
            Assert.True(File.Exists(Path.Combine(TemplateCase.RepositoryRoot, "cards", "slack", $"{view}.json")), $"cards/slack/{view}.json is missing");
        foreach (var view in ViewNames.All.Where(SlackMessages.IsForm))
            Assert.True(File.Exists(Path.Combine(TemplateCase.RepositoryRoot, "cards", "slack", $"{view}.modal.json")), $"cards/slack/{view}.modal.json is missing");
    }

    [Theory]
    [MemberData(nameof(SlackCases))]
    public void What_Slack_receives_is_within_its_limits(string templateAndSample)
    {
        var (reply, isModal) = Load(TemplateCase.Get(templateAndSample));

        var sent = Blocks.Sent(isModal ? Messages.Modal(reply, new SlackFormMetadata("demo", "Sandbox", "k", null, null, "https://hooks.slack.com/actions/T1/1/x").ToJson()) : Messages.Message(reply));

        var blocks = Blocks.Of(sent);
        Assert.NotEmpty(blocks);
        Assert.True(blocks.Count <= (isModal ? BlockKit.MaxModalBlocks : BlockKit.MaxMessageBlocks), $"{blocks.Count} blocks");
        if (!isModal) Assert.True(Blocks.Characters(sent) <= BlockKit.MaxMessageCharacters, $"{Blocks.Characters(sent)} characters");
        if (isModal) Assert.All(new[] { "title", "submit", "close" }, k => Assert.True(sent[k] is null || sent[k]!["text"]!.GetValue<string>().Length <= 24));
        Assert.Equal(blocks.Count, blocks.Select(b => b!["block_id"]?.GetValue<string>() ?? Guid.NewGuid().ToString()).Distinct().Count());
        Assert.DoesNotContain(Blocks.All(sent), o => o["type"]?.GetValue<string>() == "group");
        Assert.Empty(sent.ToJsonString().Split("${").Skip(1));
        foreach (var button in Blocks.Buttons(sent)) CheckButton(button);
    }

    [Fact]
    public void Every_page_of_a_project_with_10000_numbers_fits_in_one_Slack_message()
    {
        var big = NumbersCardTests.BigProject(10_000, Role.Admin);
        // A long id and name: both are in every button's value and in headers.
        var page = big with { Project = new Project("customer-support-prod-eu", "Customer Support (production, EU)", big.Project.Integration, big.Project.Sip) };
        foreach (var environment in AgentEnvironments.All)
        {
            var pages = NumbersView.From(page, null, environment).Environments.Single(e => e.Key == environment.ToString()).Pages;
            foreach (var index in new[] { 0, 1, pages / 2, pages - 1 })
            {
                var view = NumbersView.From(page, Notice.Good("Added a number."), environment, index);
                var message = Blocks.Sent(Messages.Message(new Reply(ViewNames.Numbers, view), environment.ToString()));

                var blocks = Blocks.Of(message);
                Assert.True(blocks.Count <= BlockKit.MaxMessageBlocks, $"{environment} page {index}: {blocks.Count} blocks");
                Assert.True(Blocks.Characters(message) <= BlockKit.MaxMessageCharacters, $"{environment} page {index}: {Blocks.Characters(message)} characters");
                // The environment being paged keeps its rows and page buttons; another keeps its rows or folds to a button.
                var folded = view.Environments.Where(e => Blocks.Buttons(message).Any(b => b["text"]!["text"]!.GetValue<string>() == $"Show {e.Name} numbers")).ToList();
                Assert.DoesNotContain(folded, e => e.Key == environment.ToString());
                Assert.Equal(view.Environments.Except(folded).Sum(e => e.Numbers.Count),
                    Blocks.Buttons(message).Count(b => b["action_id"]!.GetValue<string>().StartsWith(Verbs.Delete + ":", StringComparison.Ordinal)));
                Assert.Contains(Blocks.Buttons(message), b => b["action_id"]!.GetValue<string>() == $"{Verbs.ShowNumbers}:{environment}-{(index == pages - 1 ? "previous" : "next")}");
                if (index == 0) output.WriteLine($"{environment}: {blocks.Count} blocks, {Blocks.Characters(message)} characters");
            }
        }
    }

    [Fact]
    public void A_click_on_the_largest_message_comes_back_well_within_the_body_limit()
    {
        var big = NumbersCardTests.BigProject(10_000, Role.Admin);
        var message = Blocks.Sent(Messages.Message(new Reply(ViewNames.Numbers, NumbersView.From(big, Notice.Good("Added."), AgentEnvironment.Live, 1)), "Live"));
        // Slack sends the whole message back with every click, form-encoded.
        var payload = new JsonObject
        {
            ["type"] = "block_actions", ["user"] = new JsonObject { ["id"] = "U1", ["team_id"] = "T1" },
            ["message"] = new JsonObject { ["type"] = "message", ["text"] = message["text"]!.DeepClone(), ["blocks"] = Blocks.Of(message).DeepClone() },
            ["actions"] = new JsonArray(Blocks.Buttons(message).First().DeepClone()),
        };

        var body = SlackBot.Form(("payload", payload.ToJsonString()));

        output.WriteLine($"{body.Length} bytes");
        Assert.True(body.Length < SlackSettings.MaxBodyBytes / 2, $"{body.Length} bytes");
    }

    [Fact]
    public void A_small_project_shows_every_environment_in_full()
    {
        var message = Blocks.Sent(Messages.Message(new Reply(ViewNames.Numbers, NumbersView.From(NumbersCardTests.BigProject(12, Role.Admin)))));

        Assert.Equal(12, Blocks.Buttons(message).Count(b => b["action_id"]!.GetValue<string>().StartsWith(Verbs.Delete + ":", StringComparison.Ordinal)));
        Assert.DoesNotContain(Blocks.Buttons(message), b => b["text"]!["text"]!.GetValue<string>().StartsWith("Show ", StringComparison.Ordinal));
    }

    [Fact]
    public void Markup_in_names_is_shown_as_text_and_never_pings_anyone()
    {
        var view = Sample<NumbersView>("numbers.demo") with
        {
            Project = new ProjectRef("demo", "<!channel> & <@U1>"),
            Callouts = [new CalloutView("<!here>", "<https://evil.example|click>", null)],
        };

        var message = Blocks.Sent(Messages.Message(new Reply(ViewNames.Numbers, view)));

        // Slack reads <...> as mentions and links in mrkdwn and in the fallback text; plain_text shows it as typed.
        var markdown = Blocks.All(message).Where(o => o["type"]?.GetValue<string>() == "mrkdwn").Select(o => o["text"]!.GetValue<string>())
            .Append(message["text"]!.GetValue<string>()).ToList();
        Assert.All(markdown, text => Assert.DoesNotContain('<', text));
        Assert.Contains("&lt;!channel&gt; &amp; &lt;@U1&gt;", message["text"]!.GetValue<string>());
        Assert.Contains(markdown, t => t.Contains("*&lt;!here&gt;*", StringComparison.Ordinal));
    }

    [Fact]
    public void Texts_too_long_for_Slack_are_cut()
    {
        var view = Sample<NumbersView>("numbers.demo") with { Project = new ProjectRef("demo", new string('x', 400)) };

        var header = Blocks.Of(Blocks.Sent(Messages.Message(new Reply(ViewNames.Numbers, view))))[0]!;

        Assert.Equal(150, header["text"]!["text"]!.GetValue<string>().Length);
        Assert.EndsWith("…", header["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void A_text_cut_at_an_emoji_keeps_the_emoji_whole_or_drops_it()
    {
        // "Phone numbers · " and 132 characters make 148, then an emoji (two UTF-16 characters): the cut at 149 falls between its halves.
        var view = Sample<NumbersView>("numbers.demo") with { Project = new ProjectRef("demo", new string('x', 132) + "\U0001F600" + new string('y', 100)) };

        var header = Blocks.Of(Blocks.Sent(Messages.Message(new Reply(ViewNames.Numbers, view))))[0]!["text"]!["text"]!.GetValue<string>();

        Assert.Equal("Phone numbers · " + new string('x', 132) + "…", header);
    }

    [Fact]
    public void A_lone_surrogate_in_a_name_is_sent_as_a_replacement_character_not_an_error()
    {
        var view = Sample<NumbersView>("numbers.demo") with { Project = new ProjectRef("demo", "a\ud800b & <c>" + new string('x', 200)) };

        var message = Blocks.Sent(Messages.Message(new Reply(ViewNames.Numbers, view)));

        Assert.StartsWith("Phone numbers · a\ufffdb &amp; &lt;c&gt;", message["text"]!.GetValue<string>());
    }

    [Fact]
    public void A_view_too_big_for_one_message_shows_its_start_and_says_so()
    {
        var pending = Sample<ApprovalsView>("approvals.pending");
        var view = pending with { Count = 200, Requests = [.. Enumerable.Repeat(pending.Requests[0], 200)] };

        var message = Blocks.Sent(Messages.Message(new Reply(ViewNames.Approvals, view)));

        var blocks = Blocks.Of(message);
        Assert.True(blocks.Count <= BlockKit.MaxMessageBlocks, $"{blocks.Count} blocks");
        Assert.True(Blocks.Characters(message) <= BlockKit.MaxMessageCharacters, $"{Blocks.Characters(message)} characters");
        Assert.Equal(BlockKit.TruncatedNote, blocks[^1]!["elements"]![0]!["text"]!.GetValue<string>());
        Assert.True(Blocks.Buttons(message).Count() > 10);
    }

    private static void CheckButton(JsonObject button)
    {
        var actionId = button["action_id"]!.GetValue<string>();
        Assert.True(actionId.Length <= 255, actionId);
        var (verb, _) = SlackInteractions.Decode(actionId, null);
        Assert.True(Verbs.All.Contains(verb), $"{actionId} does not start with a verb the router knows");
        Assert.True(button["text"]!["text"]!.GetValue<string>().Length <= 75);
        if (button["value"] is { } value)
        {
            Assert.True(value.GetValue<string>().Length <= BlockKit.MaxValueLength);
            Assert.IsType<JsonObject>(JsonNode.Parse(value.GetValue<string>()));
        }
        // Delete only opens the confirmation (which shows the number's calls); what deletes or approves asks first.
        if (verb is Verbs.DeleteConfirmed or Verbs.Approve)
        {
            var confirm = Assert.IsType<JsonObject>(button["confirm"]);
            Assert.Equal("danger", confirm["style"]!.GetValue<string>());
            Assert.True(confirm["title"]!["text"]!.GetValue<string>().Length <= 100);
            Assert.True(confirm["text"]!["text"]!.GetValue<string>().Length <= 300);
            Assert.True(confirm["confirm"]!["text"]!.GetValue<string>().Length <= 30);
            Assert.True(confirm["deny"]!["text"]!.GetValue<string>().Length <= 30);
            var live = confirm["title"]!["text"]!.GetValue<string>().Contains("Live", StringComparison.Ordinal);
            Assert.Equal(live, confirm["text"]!["text"]!.GetValue<string>().StartsWith(DeleteNumberHandler.LiveWarning, StringComparison.Ordinal));
        }
    }

    private static (Reply Reply, bool IsModal) Load(TemplateCase templateCase)
    {
        var sample = Path.GetFileName(templateCase.SamplePath);
        var view = sample[..sample.IndexOf('.')];
        var model = JsonNode.Parse(File.ReadAllText(templateCase.SamplePath)).Deserialize(CardRenderer.ModelTypes[view], CardRenderer.Json)!;
        return (new Reply(view, model), templateCase.TemplatePath.EndsWith(".modal.json", StringComparison.Ordinal));
    }

    internal static T Sample<T>(string name) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(TemplateCase.RepositoryRoot, "cards", "samples", $"{name}.json")), CardRenderer.Json)!;
}
