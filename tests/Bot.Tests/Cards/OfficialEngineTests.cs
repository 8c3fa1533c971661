using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards.Templating;

namespace NumbersBot.Bot.Tests.Cards;

/// <summary>The C# engine against the official npm adaptivecards-templating, for every template and sample.</summary>
public class OfficialEngineTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> CaseExpansions = new(() => OfficialPackages.Expand(
        [.. TemplateCase.All.Select(c => new JsonObject { ["id"] = c.Id, ["template"] = c.TemplatePath, ["data"] = c.SamplePath })]));

    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> RuleExpansions = new(() => OfficialPackages.Expand(
        [.. TemplatingRules.All.Select(r => new JsonObject
        {
            ["id"] = r.Name,
            ["templateJson"] = JsonNode.Parse(r.Template),
            ["dataJson"] = JsonNode.Parse(r.Data),
        })]));

    [SkippableTheory]
    [MemberData(nameof(TemplateCase.Ids), MemberType = typeof(TemplateCase))]
    public void Csharp_expansion_matches_the_official_engine(string templateAndSample)
    {
        OfficialPackages.RequireAvailable();
        var templateCase = TemplateCase.Get(templateAndSample);
        var official = CaseExpansions.Value[templateAndSample];
        if (official["error"] is { } error) Assert.Fail($"the official engine cannot expand it: {error}");

        var csharp = CardTemplate.Parse(File.ReadAllText(templateCase.TemplatePath)).Expand(JsonNode.Parse(File.ReadAllText(templateCase.SamplePath)));

        JsonAssert.Equivalent(official["result"], csharp, "the C# expansion differs from the official one");
    }

    [SkippableTheory]
    [MemberData(nameof(TemplatingRules.Names), MemberType = typeof(TemplatingRules))]
    public void Official_engine_follows_the_documented_rule(string rule)
    {
        OfficialPackages.RequireAvailable();
        var expected = TemplatingRules.Get(rule).Expected;
        var official = RuleExpansions.Value[rule];

        if (expected is null)
        {
            Assert.True(official.ContainsKey("error"), $"the official engine accepted it: {official["result"]?.ToJsonString()}");
            return;
        }
        Assert.False(official.ContainsKey("error"), $"the official engine refused it: {official["error"]}");
        Assert.False(official.ContainsKey("undefined"), "the official engine expanded it to undefined");
        JsonAssert.Equivalent(JsonNode.Parse(expected), official["result"], "the official engine does not behave as documented");
    }
}
