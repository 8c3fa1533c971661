using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Cards;

namespace NumbersBot.Bot.Tests.Views;

/// <summary>The templates in cards/ against what the bot really sends: the view models and the verbs the router knows.</summary>
public class ViewTemplateTests
{
    private static string CardsFolder => Path.Combine(TemplateCase.RepositoryRoot, "cards");

    public static TheoryData<string> Samples =>
        [.. Directory.EnumerateFiles(Path.Combine(CardsFolder, "samples"), "*.json").Select(Path.GetFileName).OfType<string>().Order()];

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sample_has_exactly_the_shape_of_its_view_model(string sample)
    {
        var view = sample[..sample.IndexOf('.')];
        Assert.True(CardRenderer.ModelTypes.TryGetValue(view, out var modelType), $"{sample} is not named after a view");
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(CardsFolder, "samples", sample)))!;

        // Through the model and back: a property the model lacks, or one the sample lacks, shows as a difference.
        var model = json.Deserialize(modelType, CardRenderer.Json)!;
        var again = JsonSerializer.SerializeToNode(model, modelType, CardRenderer.Json);

        Assert.True(JsonNode.DeepEquals(json, again), $"{sample} differs from {modelType.Name}:\n{again}");
    }

    [Fact]
    public void Every_view_has_an_adaptive_card_template()
    {
        foreach (var view in ViewNames.All)
            Assert.True(File.Exists(Path.Combine(CardsFolder, $"{view}.json")), $"cards/{view}.json is missing");
    }

    [Fact]
    public void Every_verb_in_a_template_is_one_the_router_knows()
    {
        var verbs = Directory.EnumerateFiles(CardsFolder, "*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}samples{Path.DirectorySeparatorChar}"))
            .SelectMany(f => VerbsIn(JsonNode.Parse(File.ReadAllText(f))).Select(v => (File: Path.GetFileName(f), Verb: v)))
            .ToList();

        Assert.NotEmpty(verbs);
        Assert.All(verbs, v => Assert.True(Verbs.All.Contains(v.Verb), $"{v.File} uses the unknown verb '{v.Verb}'"));
    }

    private static IEnumerable<string> VerbsIn(JsonNode? node) => node switch
    {
        JsonObject o => o.Where(p => p.Key == "verb" && p.Value is JsonValue).Select(p => p.Value!.GetValue<string>())
            .Concat(o.SelectMany(p => VerbsIn(p.Value))),
        JsonArray a => a.SelectMany(VerbsIn),
        _ => [],
    };
}
