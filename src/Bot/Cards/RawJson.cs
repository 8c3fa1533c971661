using System.Buffers;
using System.Text.Json;

namespace NumbersBot.Bot.Cards;

/// <summary>Copies of JSON already written (kept cards and messages), finished with what each send adds.</summary>
internal static class RawJson
{
    /// <summary>
    /// Writes <paramref name="card"/> (a compact JSON object) with what <paramref name="extras"/> writes added at the end of
    /// it, as a writer that wrote the object itself would have placed them.
    /// </summary>
    public static void WriteWithExtras(Utf8JsonWriter writer, ReadOnlySpan<byte> card, Action<Utf8JsonWriter>? extras)
    {
        if (extras is null)
        {
            writer.WriteRawValue(card, skipInputValidation: true);
            return;
        }
        if (card is not [(byte)'{', .., (byte)'}']) throw new ArgumentException("Only a JSON object takes extra properties.", nameof(card));
        var added = new ArrayBufferWriter<byte>(512);
        using (var extraWriter = new Utf8JsonWriter(added, writer.Options))
        {
            extraWriter.WriteStartObject();
            extras(extraWriter);
            extraWriter.WriteEndObject();
        }
        var more = added.WrittenSpan[1..]; // after its '{': the properties and the closing '}'
        if (more.Length == 1)
        {
            writer.WriteRawValue(card, skipInputValidation: true);
            return;
        }
        var joined = ArrayPool<byte>.Shared.Rent(card.Length + more.Length);
        try
        {
            var length = card.Length - 1; // the card without its closing '}'
            card[..length].CopyTo(joined);
            if (card.Length > 2) joined[length++] = (byte)',';
            more.CopyTo(joined.AsSpan(length));
            writer.WriteRawValue(joined.AsSpan(0, length + more.Length), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(joined);
        }
    }
}
