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
        var written = Written(w => RawJson.WriteWithExtras(w, """{"type":"AdaptiveCard"}"""u8, _ => { }));

        Assert.Equal("""{"type":"AdaptiveCard"}""", written);
    }

    [Fact]
    public void Only_an_object_takes_extras()
    {
        Assert.Throws<ArgumentException>(() => Written(w => RawJson.WriteWithExtras(w, "[1]"u8, Channel)));
    }

    private static string Written(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
