using System.Text.Json.Nodes;
using NumbersBot.Bot.Channels;

namespace NumbersBot.Bot.Tests.Channels;

public class OutgoingJsonTests
{
    [Theory]
    [InlineData("""{"type":"message","attachments":[{"content":{"id":"inner"}}]}""", """{"id":"a\"1","type":"message","attachments":[{"content":{"id":"inner"}}]}""")]
    [InlineData("""{}""", """{"id":"a\"1"}""")]
    [InlineData(""" { "type" : 1 } """, """{"id":"a\"1","type" : 1 }""")]
    public void A_first_property_goes_before_the_written_ones(string written, string expected)
    {
        using var json = OutgoingJson.From(JsonNode.Parse(written)!);
        using var raw = OutgoingJson.Write(written, static (writer, text) => writer.WriteRawValue(text));

        using var withId = raw.WithFirst("id", "a\"1");

        Assert.Equal(expected, withId.ToString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), json.WithFirst("id", "a\"1").ToNode()));
    }

    [Fact]
    public void Only_an_object_takes_a_first_property()
    {
        using var array = OutgoingJson.From(new JsonArray(1));

        Assert.Throws<InvalidOperationException>(() => array.WithFirst("id", "x"));
    }

    [Fact]
    public void An_object_left_unclosed_takes_no_first_property()
    {
        using var unclosed = OutgoingJson.Write("""{"type":1""", static (writer, text) => writer.WriteRawValue(text, skipInputValidation: true));

        Assert.Throws<InvalidOperationException>(() => unclosed.WithFirst("id", "x"));
    }
}
