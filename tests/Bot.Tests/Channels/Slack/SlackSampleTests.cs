using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Tests.Cards;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Tests.Channels.Slack;

/// <summary>
/// The samples only Slack needs (its modals, a numbers view folded to fit) are the serialized view models they
/// stand for. NUMBERSBOT_WRITE_SLACK_SAMPLES=1 writes them afresh from the models.
/// </summary>
public class SlackSampleTests
{
    public static TheoryData<string> Names =>
    [
        "add-number.modal.sandbox", "add-number.modal.bad-area-code", "add-number.modal.live-no-variants",
        "reassign-variant.modal.sandbox", "reassign-variant.modal.no-variants", "numbers.slack-folded",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_Slack_sample_is_the_view_model_it_stands_for(string name)
    {
        var model = Build(name);
        var expected = JsonSerializer.SerializeToNode(model, model.GetType(), CardRenderer.Json)!;
        var path = Path.Combine(TemplateCase.RepositoryRoot, "cards", "samples", $"{name}.json");
        if (Environment.GetEnvironmentVariable("NUMBERSBOT_WRITE_SLACK_SAMPLES") == "1")
            File.WriteAllText(path, expected.ToJsonString(new JsonSerializerOptions(CardRenderer.Json) { WriteIndented = true }) + "\n");

        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(File.ReadAllText(path))), $"{name}.json is not what its model serializes to");
    }

    private static object Build(string name) => name switch
    {
        "add-number.modal.sandbox" => SlackBlockKitTests.Sample<AddNumberFormView>("add-number.sandbox"),
        "add-number.modal.bad-area-code" => SlackBlockKitTests.Sample<AddNumberFormView>("add-number.bad-area-code"),
        "add-number.modal.live-no-variants" => SlackBlockKitTests.Sample<AddNumberFormView>("add-number.sandbox") with
        {
            Environment = EnvironmentRef.Of(AgentEnvironment.Live), Variants = [], VariantHint = VariantCatalog.PublishFirst,
        },
        "reassign-variant.modal.sandbox" => SlackBlockKitTests.Sample<ReassignFormView>("reassign-variant.sandbox"),
        "reassign-variant.modal.no-variants" => SlackBlockKitTests.Sample<ReassignFormView>("reassign-variant.sandbox") with
        {
            Variants = [], Hint = VariantCatalog.PublishFirst,
        },
        "numbers.slack-folded" => SlackMessages.Folded(SlackBlockKitTests.Sample<NumbersView>("numbers.demo"), ["Sandbox", "PreRelease"]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
