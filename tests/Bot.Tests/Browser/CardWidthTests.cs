using NumbersBot.Bot.Tests.Cards;

namespace NumbersBot.Bot.Tests.Browser;

/// <summary>Opens chromium once for all the width tests.</summary>
public sealed class CardBenchFixture : IDisposable
{
    private readonly Lazy<CardBench> _bench = new(() => new CardBench());

    internal CardBench Bench => _bench.Value;

    public void Dispose()
    {
        if (_bench.IsValueCreated) _bench.Value.Dispose();
    }
}

/// <summary>
/// The cards people act on, drawn by the official renderer at a phone's widths (360, 420 px), a narrow chat pane (540 px)
/// and a desktop: nothing may be cut off. Screenshots stay in .tmp/test-results/card-widths.
/// </summary>
public class CardWidthTests(CardBenchFixture fixture) : IClassFixture<CardBenchFixture>
{
    public static readonly int[] Widths = [360, 420, 540, 900];

    private static readonly string[] Views = ["numbers", "add-number", "reassign-variant", "confirm-delete", "confirm-promote", "confirm-live-change", "approval"];

    public static string ScreenshotFolder { get; } = Path.Combine(TemplateCase.RepositoryRoot, ".tmp", "test-results", "card-widths");

    private static IEnumerable<string> Measured => TemplateCase.All
        .Where(c => c.IsAdaptiveCard && Views.Contains(Path.GetFileNameWithoutExtension(c.TemplatePath)))
        .Select(c => c.Id);

    public static TheoryData<string> Cases => [.. Measured];

    [Fact]
    public void Every_view_people_act_on_is_measured()
    {
        foreach (var view in Views)
            Assert.Contains(Measured, c => c.StartsWith($"cards/{view}.json ", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Markdown_is_measured_as_it_is_drawn_not_as_its_asterisks()
    {
        BrowserPrerequisites.RequireAvailable();
        var card = System.Text.Json.Nodes.JsonNode.Parse("""
            { "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "TextBlock", "text": "**Variant deleted** – publish to clear it", "wrap": true } ] }
            """)!;

        var text = fixture.Bench.VisibleText(card, 360);

        Assert.Contains("Variant deleted – publish to clear it", text);
        Assert.DoesNotContain("**", text);
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Nothing_is_cut_off_at_any_width(string templateAndSample)
    {
        BrowserPrerequisites.RequireAvailable();
        var templateCase = TemplateCase.Get(templateAndSample);
        var card = CardRendererTests.Expand(templateCase);
        var sample = Path.GetFileNameWithoutExtension(templateCase.SamplePath);

        var problems = Widths.SelectMany(width => fixture.Bench
                .Problems(card, width, Path.Combine(ScreenshotFolder, $"{sample}.{width}.png"))
                .Select(p => $"at {width} px: {p}"))
            .ToList();

        Assert.True(problems.Count == 0, $"unreadable in {templateAndSample} (screenshots in {ScreenshotFolder}):\n  {string.Join("\n  ", problems)}");
    }
}
