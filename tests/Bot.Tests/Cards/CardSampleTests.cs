using System.Text.Json.Nodes;

namespace NumbersBot.Bot.Tests.Cards;

/// <summary>The template and sample files themselves: every template is exercised, and every binding finds its value.</summary>
public class CardSampleTests
{
    [Fact]
    public void The_checks_always_include_the_fixtures_of_both_kinds()
    {
        Assert.Contains(TemplateCase.All, c => c.IsAdaptiveCard && c.Id.StartsWith("tests/", StringComparison.Ordinal));
        Assert.Contains(TemplateCase.All, c => !c.IsAdaptiveCard && c.Id.StartsWith("tests/", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_template_has_a_sample()
    {
        Assert.Empty(TemplateCase.TemplatesWithoutSamples());
    }

    [Fact]
    public void Every_sample_is_named_after_a_template()
    {
        Assert.Empty(TemplateCase.SamplesWithoutTemplates());
    }

    // Both engines write a missing value back as "${path}", so only this catches a misspelt binding.
    [Theory]
    [MemberData(nameof(TemplateCase.Ids), MemberType = typeof(TemplateCase))]
    public void Expanded_card_leaves_no_binding_unresolved(string templateAndSample)
    {
        var card = CardRendererTests.Expand(TemplateCase.Get(templateAndSample));

        var unresolved = Strings(card, "$").Where(s => s.Value.Contains("${", StringComparison.Ordinal)).ToList();

        Assert.True(unresolved.Count == 0, "bindings without a value in the sample (misspelt, or missing from it):\n  "
            + string.Join("\n  ", unresolved.Select(s => $"{s.Path}: {s.Value}")));
    }

    private static IEnumerable<(string Path, string Value)> Strings(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value, $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => Strings(item, $"{path}[{i}]")),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => [(path, v.GetValue<string>())],
        _ => [],
    };
}
