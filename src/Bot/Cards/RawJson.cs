using System.Buffers;
using System.Text.Json;

namespace NumbersBot.Bot.Cards;

/// <summary>
/// Copies of JSON objects already written (kept cards and messages, activities), finished with properties a send adds:
/// the object's own properties are copied as written, once, never parsed again.
/// </summary>
internal static class RawJson
{
    private static readonly byte[] Comma = [(byte)','];

    /// <summary>
    /// Writes <paramref name="card"/> (a compact JSON object) with what <paramref name="extras"/> writes added at the end of
    /// it, as a writer that wrote the object itself would have placed them.
    /// </summary>
    public static void WriteWithExtras(Utf8JsonWriter writer, ReadOnlyMemory<byte> card, Action<Utf8JsonWriter>? extras)
    {
        if (extras is null)
        {
            writer.WriteRawValue(card.Span, skipInputValidation: true);
            return;
        }
        if (!TryWriteObject(writer, card, first: null, last: extras)) throw new ArgumentException("Only a JSON object takes extra properties.", nameof(card));
    }

    /// <summary>
    /// Writes the JSON object <paramref name="json"/> with what <paramref name="first"/> writes before its own properties and
    /// what <paramref name="last"/> writes after them; false, having written nothing, when <paramref name="json"/> is not an
    /// object. Whitespace around the object and before its first property is left out; the rest is copied as it is.
    /// </summary>
    public static bool TryWriteObject(Utf8JsonWriter writer, ReadOnlyMemory<byte> json, Action<Utf8JsonWriter>? first, Action<Utf8JsonWriter>? last)
    {
        var (start, end) = Trimmed(json.Span);
        if (end - start < 2 || json.Span[start] != (byte)'{' || json.Span[end - 1] != (byte)'}') return false;
        var inside = json[(start + 1)..(end - 1)];
        inside = inside[(inside.Length - inside.Span.TrimStart(" \t\r\n"u8).Length)..];

        // Each side's properties written as an object of their own with this writer's options: "{first}{last}".
        var added = new ArrayBufferWriter<byte>(256);
        int between;
        using (var properties = new Utf8JsonWriter(added, writer.Options))
        {
            Properties(properties, first);
            between = added.WrittenCount;
            properties.Reset();
            Properties(properties, last);
        }
        var written = added.WrittenMemory;
        var before = written[..(between - 1)]; // "{" and the first properties, without their "}"
        var after = written[(between + 1)..]; // the last properties and "}", without their "{"
        var hasFirst = before.Length > 1;
        var hasLast = after.Length > 1;
        if (!hasFirst && !hasLast)
        {
            writer.WriteRawValue(json.Span[start..end], skipInputValidation: true);
            return true;
        }

        var head = new Segment(before);
        var tail = head;
        if (!inside.IsEmpty)
        {
            if (hasFirst) tail = tail.Append(Comma);
            tail = tail.Append(inside);
            if (hasLast) tail = tail.Append(Comma);
        }
        else if (hasFirst && hasLast)
            tail = tail.Append(Comma);
        tail = tail.Append(after);
        writer.WriteRawValue(new ReadOnlySequence<byte>(head, 0, tail, tail.Memory.Length), skipInputValidation: true);
        return true;
    }

    private static void Properties(Utf8JsonWriter writer, Action<Utf8JsonWriter>? write)
    {
        writer.WriteStartObject();
        write?.Invoke(writer);
        writer.WriteEndObject();
        writer.Flush();
    }

    private static (int Start, int End) Trimmed(ReadOnlySpan<byte> json)
    {
        var start = json.Length - json.TrimStart(" \t\r\n"u8).Length;
        var end = json.TrimEnd(" \t\r\n"u8).Length;
        return (start, Math.Max(start, end));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
