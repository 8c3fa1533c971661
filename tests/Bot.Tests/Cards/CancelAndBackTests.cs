using System.Text.Json.Nodes;

namespace NumbersBot.Bot.Tests.Cards;

/// <summary>Cancel and Back leave a form without checking it: a half-filled form must never hold a person on it.</summary>
public class CancelAndBackTests
{
    [Theory]
    [MemberData(nameof(TemplateCase.AdaptiveCardIds), MemberType = typeof(TemplateCase))]
    public void Cancel_and_Back_never_validate_the_form(string templateAndSample)
    {
        var card = CardRendererTests.Expand(TemplateCase.Get(templateAndSample));

        var validating = Actions(card, "$")
            .Where(a => a.Action["title"]?.GetValue<string>() is "Cancel" or "Back")
            .Where(a => a.Action["associatedInputs"]?.GetValue<string>() != "none")
            .Select(a => a.Path)
            .ToList();

        Assert.True(validating.Count == 0, "Cancel or Back sends (and so validates) the form's inputs; give it \"associatedInputs\": \"none\":\n  "
            + string.Join("\n  ", validating));
    }

    internal static IEnumerable<(string Path, JsonObject Action)> Actions(JsonNode? node, string path) => node switch
    {
        JsonObject o when o["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            && o["type"]!.GetValue<string>() is "Action.Execute" or "Action.Submit" =>
            [(path, o), .. o.SelectMany(p => Actions(p.Value, $"{path}.{p.Key}"))],
        JsonObject o => o.SelectMany(p => Actions(p.Value, $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => Actions(item, $"{path}[{i}]")),
        _ => [],
    };
}
