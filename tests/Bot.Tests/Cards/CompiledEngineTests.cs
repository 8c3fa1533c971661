using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Templating;

namespace NumbersBot.Bot.Tests.Cards;

/// <summary>The compiled engine writes byte for byte what the JSON DOM engine gave, for JSON data and for view models.</summary>
public class CompiledEngineTests
{
    [Theory]
    [MemberData(nameof(TemplateCase.Ids), MemberType = typeof(TemplateCase))]
    public void Compiled_expansion_of_a_sample_is_the_dom_expansion(string templateAndSample)
    {
        var templateCase = TemplateCase.Get(templateAndSample);
        var template = File.ReadAllText(templateCase.TemplatePath);
        var sample = File.ReadAllText(templateCase.SamplePath);

        Assert.Equal(Dom(template, JsonNode.Parse(sample)), Compiled(template, TemplateValue.From(JsonNode.Parse(sample))));
    }

    [Theory]
    [MemberData(nameof(TemplateCase.Ids), MemberType = typeof(TemplateCase))]
    public void Compiled_expansion_of_a_view_model_is_the_dom_expansion_of_its_json(string templateAndSample)
    {
        var templateCase = TemplateCase.Get(templateAndSample);
        var view = Path.GetFileName(templateCase.SamplePath).Split('.')[0];
        if (!CardRenderer.ModelTypes.TryGetValue(view, out var modelType)) return; // a fixture: JSON data only
        var template = File.ReadAllText(templateCase.TemplatePath);
        var model = JsonSerializer.Deserialize(File.ReadAllText(templateCase.SamplePath), modelType, CardRenderer.Json)!;

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, TemplateNode.WriterOptions)) CardTemplate.Parse(template).Write(writer, model, CardRenderer.Json);

        Assert.Equal(Dom(template, JsonSerializer.SerializeToNode(model, modelType, CardRenderer.Json)), Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(TemplatingRules.Names), MemberType = typeof(TemplatingRules))]
    public void Compiled_expansion_follows_each_rule_as_the_dom_engine_did(string rule)
    {
        var (_, template, _, data) = TemplatingRules.Get(rule);

        Assert.Equal(Dom(template, JsonNode.Parse(data)), Compiled(template, TemplateValue.From(JsonNode.Parse(data))));
    }

    private static string Dom(string template, JsonNode? data)
    {
        try
        {
            return DomTemplate.Parse(template).Expand(data).ToJsonString(CardRenderer.Json);
        }
        catch (TemplateException e)
        {
            return "refused: " + e.Message;
        }
    }

    private static string Compiled(string template, TemplateValue data)
    {
        try
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, TemplateNode.WriterOptions)) CardTemplate.Parse(template).Write(writer, data, null);
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        catch (TemplateException e)
        {
            return "refused: " + e.Message;
        }
    }
}
