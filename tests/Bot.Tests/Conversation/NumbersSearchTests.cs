using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Cards;
using static NumbersBot.Bot.Tests.Conversation.ConversationBot;

namespace NumbersBot.Bot.Tests.Conversation;

/// <summary>Finding a number in a project, its history from its row, and a pending deletion's approval from its row.</summary>
public class NumbersSearchTests
{
    private static readonly CardRenderer Renderer = new(Path.Combine(TemplateCase.RepositoryRoot, "cards"));

    [Theory]
    [InlineData("numbers Demo Agent 415", "415", new[] { "+1 415-555-0101", "+1 415-555-0102" })]
    [InlineData("numbers Demo Agent london", "london", new[] { "+44 7700 900101", "+44 7700 900103" })]
    public async Task Typing_digits_or_a_variant_after_the_project_lists_only_the_numbers_that_match(string line, string filter, string[] expected)
    {
        using var bot = new ConversationBot();

        var card = await bot.ModelAsync<NumbersView>(bot.TypeAsync(Alice, line), ViewNames.Numbers);

        Assert.Equal(filter, card.Filter);
        Assert.Equal(expected, card.Environments.SelectMany(e => e.Numbers).Select(n => n.Display));
    }

    [Fact]
    public async Task The_search_box_on_the_card_finds_by_digits_and_Show_all_lists_everything_again()
    {
        using var bot = new ConversationBot();

        var found = await bot.ModelAsync<NumbersView>(bot.ClickAsync(Alice, Verbs.ShowNumbers, (Keys.Project, "demo"), (Keys.Filter, "+44 7700 900102")), ViewNames.Numbers);
        var all = await bot.ModelAsync<NumbersView>(bot.ClickAsync(Alice, Verbs.ShowNumbers, (Keys.Project, "demo")), ViewNames.Numbers);

        Assert.Equal(["+44 7700 900102"], found.Environments.SelectMany(e => e.Numbers).Select(n => n.Display));
        Assert.Equal("No numbers match '+44 7700 900102'", found.Environments[0].PageLabel);
        Assert.Equal(5, all.Environments.Sum(e => e.Numbers.Count));
        var box = Render(found)["body"]!.AsArray().First(e => e!["type"]!.GetValue<string>() == "ColumnSet")!;
        Assert.Contains("\"id\":\"filter\"", box.ToJsonString(CardRenderer.Json));
        Assert.Contains("\"value\":\"+44 7700 900102\"", box.ToJsonString(CardRenderer.Json));
    }

    [Fact]
    public async Task Every_row_has_a_History_button_for_its_number()
    {
        using var bot = new ConversationBot();
        var numbers = await bot.ModelAsync<NumbersView>(bot.TypeAsync(Dave, "numbers Demo Agent"), ViewNames.Numbers);

        var history = Actions(Render(numbers)).Where(a => a["verb"]?.GetValue<string>() == Verbs.ShowHistory).ToList();

        Assert.Equal(numbers.Environments.SelectMany(e => e.Numbers).Select(n => n.E164), history.Select(a => a["data"]!["number"]!.GetValue<string>()));
        var first = await bot.ClickAsync(Dave, Verbs.ShowHistory, (Keys.Number, history[0]["data"]!["number"]!.GetValue<string>()));
        Assert.Equal(ViewNames.History, first.View);
    }

    [Fact]
    public async Task A_row_awaiting_approval_links_to_its_approval()
    {
        using var bot = new ConversationBot();
        var before = await bot.ModelAsync<NumbersView>(bot.TypeAsync(Alice, "numbers Demo Agent"), ViewNames.Numbers);
        var live = before.Environments.Single(e => e.Key == "Live").Numbers.Single(n => n.Display == "+44 7700 900103");
        await bot.ClickAsync(Alice, Verbs.DeleteConfirmed, (Keys.Project, "demo"), (Keys.NumberId, live.Id), (Keys.Version, live.Version.ToString()));

        var after = await bot.ModelAsync<NumbersView>(bot.TypeAsync(Bob, "numbers Demo Agent"), ViewNames.Numbers);
        var row = after.Environments.Single(e => e.Key == "Live").Numbers.Single(n => n.Display == "+44 7700 900103");
        var link = Assert.Single(Actions(Render(after)), a => a["verb"]?.GetValue<string>() == Verbs.ShowApproval);

        Assert.True(row.PendingApproval);
        Assert.Equal(row.PendingApprovalId, link["data"]!["approvalId"]!.GetValue<string>());
        var approval = await bot.ModelAsync<ApprovalView>(bot.ClickAsync(Bob, Verbs.ShowApproval, (Keys.ApprovalId, row.PendingApprovalId)), ViewNames.Approval);
        Assert.Equal(row.PendingApprovalId, approval.Id);
    }

    private static JsonNode Render(NumbersView view) => Renderer.Render(ViewNames.Numbers, view, CardFormat.Adaptive);

    private static IEnumerable<JsonObject> Actions(JsonNode? node) => node switch
    {
        JsonObject o when o["type"] is JsonValue v && v.TryGetValue<string>(out var type) && type == "Action.Execute" => [o],
        JsonObject o => o.SelectMany(p => Actions(p.Value)),
        JsonArray a => a.SelectMany(Actions),
        _ => [],
    };
}
