using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Templating;

namespace NumbersBot.Bot.Tests.Cards;

/// <summary>
/// The bot binds templates to its view models in place; the official engine (and OfficialEngineTests) sees their JSON.
/// Both must write the same bytes, for every template and sample.
/// </summary>
public class CompiledEngineTests
{
    [Theory]
    [MemberData(nameof(TemplateCase.Ids), MemberType = typeof(TemplateCase))]
    public void A_view_model_read_in_place_expands_byte_for_byte_like_its_json(string templateAndSample)
    {
        var templateCase = TemplateCase.Get(templateAndSample);
        var view = Path.GetFileName(templateCase.SamplePath).Split('.')[0];
        if (!CardRenderer.ModelTypes.TryGetValue(view, out var modelType)) return; // a fixture: JSON data only
        var template = CardTemplate.Parse(File.ReadAllText(templateCase.TemplatePath));
        var model = JsonSerializer.Deserialize(File.ReadAllText(templateCase.SamplePath), modelType, CardRenderer.Json)!;

        var fromModel = Written(writer => template.Write(writer, model, CardRenderer.Json));
        var fromJson = Written(writer => template.Write(writer, TemplateValue.From(JsonSerializer.SerializeToNode(model, modelType, CardRenderer.Json)), null));

        Assert.Equal(fromJson, fromModel);
    }

    [Fact]
    public void Extra_properties_close_the_root_object()
    {
        var template = CardTemplate.Parse("""{"type":"AdaptiveCard","body":[{"$data":"${items}","text":"${name}"}]}""");

        var card = Written(writer => template.Write(writer, new { Items = new[] { new { Name = "a" } } }, CardRenderer.Json,
            w => w.WriteString("refresh", "r")));

        Assert.Equal("""{"type":"AdaptiveCard","body":[{"text":"a"}],"refresh":"r"}""", card);
    }

    [Fact]
    public void What_the_serializer_writes_its_own_way_is_read_as_its_json()
    {
        // A dictionary, a date and a property left out when null: none of them is a plain property the model is read through.
        var template = CardTemplate.Parse("""{"note":"${note}","tag":"${tags.k}","at":"${at}","hidden":"${hidden}","all":"${$root}"}""");
        var model = new Unusual(null, new Dictionary<string, string> { ["k"] = "v" }, new DateTimeOffset(2026, 12, 6, 1, 2, 3, TimeSpan.Zero), null);

        var fromModel = Written(writer => template.Write(writer, model, CardRenderer.Json));
        var fromJson = Written(writer => template.Write(writer, TemplateValue.From(JsonSerializer.SerializeToNode(model, CardRenderer.Json)), null));

        Assert.Equal(fromJson, fromModel);
        Assert.Equal("""{"note":null,"tag":"v","at":"2026-12-06T01:02:03+00:00","hidden":"${hidden}","all":{"note":null,"tags":{"k":"v"},"at":"2026-12-06T01:02:03+00:00"}}""", fromModel);
    }

    private sealed record Unusual(
        string? Note, Dictionary<string, string> Tags, DateTimeOffset At,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Hidden);

    private static string Written(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, TemplateNode.WriterOptions)) write(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
