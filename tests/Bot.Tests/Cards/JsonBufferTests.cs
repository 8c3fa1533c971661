using NumbersBot.Bot.Cards;

namespace NumbersBot.Bot.Tests.Cards;

public sealed class JsonBufferTests
{
    [Fact]
    public void A_buffer_disposed_twice_is_lent_to_one_renter_only()
    {
        var buffer = JsonBuffer.Rent();
        buffer.Dispose();
        buffer.Dispose();

        using var first = JsonBuffer.Rent();
        using var second = JsonBuffer.Rent();

        Assert.NotSame(first, second);
    }

    [Fact]
    public void A_returned_buffer_starts_empty_for_its_next_renter()
    {
        var buffer = JsonBuffer.Rent();
        buffer.Writer.WriteStringValue("old card");
        buffer.Dispose();

        using var next = JsonBuffer.Rent();
        next.Writer.WriteStringValue("new");

        Assert.Equal("\"new\"", System.Text.Encoding.UTF8.GetString(next.WrittenSpan));
    }
}
