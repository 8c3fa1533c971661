using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards.Templating;

namespace NumbersBot.Bot.Tests.Cards;

/// <summary>Every Adaptive Card the bot can build (each template with each sample) parses cleanly in the official renderer.</summary>
public class CardRendererTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<string>>> Problems = new(() =>
    {
        var cards = new JsonArray();
        foreach (var templateCase in TemplateCase.All.Where(c => c.IsAdaptiveCard))
        {
            // A card that does not expand fails its own test below, with the engine's message.
            if (TryExpand(templateCase) is { } card) cards.Add(new JsonObject { ["id"] = templateCase.Id, ["card"] = card });
        }
        return OfficialPackages.Validate(cards);
    });

    [SkippableTheory]
    [MemberData(nameof(TemplateCase.AdaptiveCardIds), MemberType = typeof(TemplateCase))]
    public void Expanded_card_passes_the_official_renderer_without_errors_or_warnings(string templateAndSample)
    {
        OfficialPackages.RequireAvailable();
        var templateCase = TemplateCase.Get(templateAndSample);
        Expand(templateCase);

        var problems = Problems.Value[templateAndSample];

        Assert.True(problems.Count == 0, $"the adaptivecards renderer reports:\n  {string.Join("\n  ", problems)}");
    }

    internal static JsonNode Expand(TemplateCase templateCase) =>
        CardTemplate.Parse(File.ReadAllText(templateCase.TemplatePath)).Expand(JsonNode.Parse(File.ReadAllText(templateCase.SamplePath)));

    private static JsonNode? TryExpand(TemplateCase templateCase)
    {
        try
        {
            return Expand(templateCase);
        }
        catch (TemplateException)
        {
            return null;
        }
    }
}
