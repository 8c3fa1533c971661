using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards.Templating;

namespace NumbersBot.Bot.Tests.Cards;

public class CardTemplateTests
{
    [Theory]
    [MemberData(nameof(TemplatingRules.Names), MemberType = typeof(TemplatingRules))]
    public void Follows_the_official_rule(string rule)
    {
        var (_, template, expected, data) = TemplatingRules.Get(rule);

        if (expected is null)
        {
            Assert.Throws<TemplateException>(() => Expand(template, data));
            return;
        }
        JsonAssert.Equivalent(JsonNode.Parse(expected), Expand(template, data));
    }

    [Theory]
    [InlineData("""{"v":"x ${foo(1)}"}""", "the function 'foo' is not supported")]
    [InlineData("""{"v":"${Count(items)}"}""", "the function 'Count' is not supported")]
    [InlineData("""{"v":"${n + 1}"}""", "the operator '+' is not supported")]
    [InlineData("""{"v":"${n > 0 ? 'a' : 'b'}"}""", "the operator '?' is not supported")]
    [InlineData("""{"v":"${-n}"}""", "the unary operator '-' is not supported")]
    [InlineData("""{"v":"${[1, 2]}"}""", "literals starting with '[' are not supported")]
    [InlineData("""{"v":"${$host.x}"}""", "'$host' is not supported")]
    [InlineData("""{"v":"${$Root.s}"}""", "'$Root' is not supported")]
    [InlineData("""{"v":"${string(n, 'fr-FR')}"}""", "takes 1 argument(s)")]
    [InlineData("""{"v":"${length(count(s))}"}""", "is not a String expression")]
    [InlineData("""{"v":"${count(items).x}"}""", "only data paths have properties")]
    [InlineData("""{"v":"${s ==}"}""", "the expression ends too early")]
    public void Syntax_we_do_not_support_fails_when_the_template_is_read(string template, string message)
    {
        var error = Assert.Throws<TemplateException>(() => CardTemplate.Parse(template));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("""{"v":"${}"}""")]
    [InlineData("""{"v":"x ${ }"}""")]
    [InlineData("""{"v":"x ${name"}""")]
    [InlineData("""{"v":"x ${a'}"}""")]
    [InlineData("""{"v":"x ${ {a:1} }"}""")]
    public void A_malformed_binding_fails_instead_of_becoming_text(string template)
    {
        Assert.Throws<TemplateException>(() => CardTemplate.Parse(template));
    }

    [Theory]
    [InlineData("""{"$when":true,"a":1}""")]
    [InlineData("""{"$when":"visible","a":1}""")]
    [InlineData("""{"$when":"${t} and ${t}","a":1}""")]
    [InlineData("""{"$when":"${true}","a":1}""")]
    public void A_when_that_is_not_one_expression_fails(string template)
    {
        var error = Assert.Throws<TemplateException>(() => CardTemplate.Parse(template));
        Assert.Contains("$.$when", error.Message);
    }

    [Theory]
    [InlineData("""{"v":"Items: ${strs}"}""", "is an array")]
    [InlineData("""{"v":"Object: ${obj}"}""", "is an object")]
    [InlineData("""{"v":"${concat(items)}"}""", "is an array")]
    [InlineData("""{"v":"${string(obj)}"}""", "turning an object into text")]
    public void Arrays_and_objects_are_not_put_into_text(string template, string message)
    {
        var error = Assert.Throws<TemplateException>(() => Expand(template, TemplatingRules.CommonData));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_template_that_expands_to_nothing_fails()
    {
        Assert.Throws<TemplateException>(() => Expand("""{"$when":"${fl}","a":1}""", TemplatingRules.CommonData));
    }

    [Fact]
    public void An_error_names_the_place_in_the_template()
    {
        var error = Assert.Throws<TemplateException>(() => Expand("""{"body":[{"text":"ok"},{"text":"Hi ${nul}"}]}""", TemplatingRules.CommonData));
        Assert.StartsWith("$.body[1].text: \"Hi ${nul}\"", error.Message);
    }

    [Fact]
    public void A_parsed_template_expands_many_times_and_changes_neither_template_nor_data()
    {
        var templateJson = JsonNode.Parse("""{"rows":[{"$data":"${items}","v":"${name}","all":"${$root.items}"}]}""")!;
        var templateBefore = templateJson.ToJsonString();
        var template = CardTemplate.Parse(templateJson);
        var data = JsonNode.Parse(TemplatingRules.CommonData)!;
        var dataBefore = data.ToJsonString();

        var first = template.Expand(data);
        var second = template.Expand(data);
        first["rows"]![0]!["all"]!.AsArray().Clear();

        JsonAssert.Equivalent(JsonNode.Parse(second.ToJsonString()), template.Expand(data));
        Assert.Equal(templateBefore, templateJson.ToJsonString());
        Assert.Equal(dataBefore, data.ToJsonString());
    }

    [Fact]
    public void Data_serialized_from_view_models_is_read_like_parsed_json()
    {
        var data = JsonSerializer.SerializeToNode(new
        {
            Project = new { Name = "Acme", Count = 2, Live = true, Ratio = 0.5m, Created = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero) },
        });
        var built = new JsonObject { ["Project"] = new JsonObject { ["Name"] = JsonValue.Create("Acme"), ["Count"] = JsonValue.Create(2) } };

        var card = CardTemplate.Expand(
            JsonNode.Parse("""{"a":"${project.name} ${project.count} ${project.live} ${project.ratio} ${project.created}","b":"${project.count}"}""")!, data);
        var fromBuilt = CardTemplate.Expand(JsonNode.Parse("""{"a":"${project.name} ${project.count}"}""")!, built);

        JsonAssert.Equivalent(JsonNode.Parse("""{"a":"Acme 2 true 0.5 2025-01-02T03:04:05+00:00","b":2}"""), card);
        JsonAssert.Equivalent(JsonNode.Parse("""{"a":"Acme 2"}"""), fromBuilt);
    }

    private static JsonNode Expand(string template, string data) => CardTemplate.Parse(template).Expand(JsonNode.Parse(data));
}
