using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Channels;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Cards;
using NumbersBot.Bot.Tests.Views;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Tests.Channels.Slack;

/// <summary>
/// Slack messages and modals written straight to bytes are byte for byte what finishing the template's JSON tree gave
/// (<see cref="DomSlackMessages"/>, kept for this check): every template and sample, every way a numbers view folds or is
/// cut, and the texts that are escaped or clamped.
/// </summary>
public class BlockKitBytesTests
{
    private static readonly CardRenderer Cards = new(Path.Combine(TemplateCase.RepositoryRoot, "cards"));
    private static readonly SlackMessages Bytes = new(Cards);
    private static readonly DomSlackMessages Tree = new(Cards);
    private const string Metadata = """{"p":"demo","e":"Sandbox","k":"k","u":"https://hooks.slack.com/actions/T1/1/x"}""";

    [Theory]
    [MemberData(nameof(SlackBlockKitTests.SlackCases), MemberType = typeof(SlackBlockKitTests))]
    public void Every_template_and_sample_writes_the_same_bytes(string templateAndSample)
    {
        var templateCase = TemplateCase.Get(templateAndSample);
        var sample = Path.GetFileName(templateCase.SamplePath);
        var view = sample[..sample.IndexOf('.')];
        var reply = new Reply(view, JsonNode.Parse(File.ReadAllText(templateCase.SamplePath)).Deserialize(CardRenderer.ModelTypes[view], CardRenderer.Json)!);

        if (templateCase.TemplatePath.EndsWith(".modal.json", StringComparison.Ordinal))
            AssertSame(Tree.Modal(reply, Metadata), Bytes.Modal(reply, Metadata));
        else
            AssertSameMessage(reply);
    }

    [Fact]
    public void Every_page_of_a_big_project_folds_to_the_same_bytes()
    {
        var big = NumbersCardTests.BigProject(10_000, Role.Admin);
        var page = big with { Project = new Project("customer-support-prod-eu", "Customer Support (production, EU)", big.Project.Integration, big.Project.Sip) };
        foreach (var environment in AgentEnvironments.All)
        {
            var pages = NumbersView.From(page, null, environment).Environments.Single(e => e.Key == environment.ToString()).Pages;
            foreach (var index in new[] { 0, 1, pages / 2, pages - 1 })
            {
                var reply = new Reply(ViewNames.Numbers, NumbersView.From(page, Notice.Good("Added a number."), environment, index));
                AssertSameMessage(reply, environment.ToString());
                AssertSameMessage(reply);
            }
        }
        foreach (var size in new[] { 0, 1, 12, 20, 40 })
            foreach (var role in new[] { Role.Admin, Role.Member })
                AssertSameMessage(new Reply(ViewNames.Numbers, NumbersView.From(NumbersCardTests.BigProject(size, role))));
    }

    [Fact]
    public void Markup_and_long_texts_are_escaped_and_cut_the_same()
    {
        var demo = SlackBlockKitTests.Sample<NumbersView>("numbers.demo");
        foreach (var name in new[] { "<!channel> & <@U1>", new string('x', 400), string.Concat(Enumerable.Repeat("a&b<c>", 100)), "€ \"quoted\" \\ é 😀 " + new string('&', 200) })
        {
            var view = demo with
            {
                Project = new ProjectRef("demo", name),
                Callouts = [new CalloutView(name, "<https://evil.example|click> " + name, name)],
                Filter = name,
            };
            AssertSameMessage(new Reply(ViewNames.Numbers, view));
            var error = new ErrorView(name, name + "\n" + new string('y', 3100), "forbidden", null);
            AssertSameMessage(new Reply(ViewNames.Error, error));
        }
    }

    [Fact]
    public void A_view_too_big_for_one_message_is_cut_to_the_same_bytes()
    {
        var pending = SlackBlockKitTests.Sample<ApprovalsView>("approvals.pending");
        foreach (var count in new[] { 20, 30, 60, 200 })
        {
            var view = pending with { Count = count, Requests = [.. Enumerable.Repeat(pending.Requests[0], count)] };
            var reply = new Reply(ViewNames.Approvals, view);
            AssertSameMessage(reply);
            if (count == 200) Assert.Contains(BlockKit.TruncatedNote, Bytes.Message(reply).ToString());
        }
    }

    private static void AssertSameMessage(Reply reply, string? focus = null)
    {
        AssertSame(Tree.Message(reply, focus), Bytes.Message(reply, focus));
        var tree = Tree.Message(reply, focus);
        tree["response_type"] = "ephemeral";
        tree["replace_original"] = false;
        AssertSame(tree, Bytes.Message(reply, focus, SlackReplyChannel.Ephemeral));
    }

    private static void AssertSame(JsonObject tree, OutgoingJson bytes)
    {
        using (bytes) Assert.Equal(tree.ToJsonString(CardRenderer.Json), bytes.ToString());
    }
}
