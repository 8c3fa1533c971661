using System.Buffers;
using System.Text;
using System.Text.Json;
using NumbersBot.Bot.Cards;

namespace NumbersBot.Bot.Tests.Cards;

/// <summary>A kept card copied with what a send adds at its end is the JSON a writer writing it whole would give.</summary>
public class RawJsonTests
{
    private static readonly Action<Utf8JsonWriter> Channel = w => w.WriteString("channel", "C1");

    [Theory]
    [InlineData("""{"type":"AdaptiveCard"}""", """{"type":"AdaptiveCard","channel":"C1"}""")]
    [InlineData("""{}""", """{"channel":"C1"}""")]
    public void What_a_send_adds_goes_at_the_end_of_the_card(string card, string expected)
    {
        var written = Written(w => RawJson.WriteWithExtras(w, Encoding.UTF8.GetBytes(card), Channel));

        Assert.Equal(expected, written);
    }

    [Fact]
    public void Extras_that_write_nothing_leave_the_card_as_it_was()
    {
        var written = Written(w => RawJson.WriteWithExtras(w, """{"type":"AdaptiveCard"}"""u8.ToArray(), _ => { }));

        Assert.Equal("""{"type":"AdaptiveCard"}""", written);
    }

    [Fact]
    public void Only_an_object_takes_extras()
    {
        Assert.Throws<ArgumentException>(() => Written(w => RawJson.WriteWithExtras(w, "[1]"u8.ToArray(), Channel)));
    }

    [Theory]
    [InlineData("""{"type":"AdaptiveCard"}""", """{"id":"x","type":"AdaptiveCard","channel":"C1"}""")]
    [InlineData("""{}""", """{"id":"x","channel":"C1"}""")]
    [InlineData(""" { "type" : 1 } """, """{"id":"x","type" : 1 ,"channel":"C1"}""")]
    public void Properties_go_before_and_after_the_written_ones_as_one_object(string json, string expected)
    {
        var written = Written(w => Assert.True(RawJson.TryWriteObject(w, Encoding.UTF8.GetBytes(json), f => f.WriteString("id", "x"), Channel)));

        Assert.Equal(expected, written);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("{")]
    [InlineData("")]
    public void What_is_not_a_whole_object_is_left_unwritten(string json)
    {
        var written = Written(w => Assert.False(RawJson.TryWriteObject(w, Encoding.UTF8.GetBytes(json), Channel, Channel)));

        Assert.Equal("", written);
    }

    private static string Written(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
