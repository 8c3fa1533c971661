using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using NumbersBot.Bot.Cards.Templating;

namespace NumbersBot.Bot.Cards;

/// <summary>
/// The cards written lately, each under a digest of everything its template could read: the same page asked for again
/// (on-call staff checking it, every viewer's Teams refresh) is copied instead of expanded, and any changed value is a
/// different card. A card is kept the second time its data is seen, so a card shown once costs no more than before.
/// Only a copy of what a template gives; bounded, and lost with the process at no cost.
/// </summary>
internal sealed class WrittenCards
{
    internal const int MaxCards = 128;
    internal const int MaxCardBytes = 128 * 1024; // a rare huge card is written each time rather than kept
    private const int MaxSeen = MaxCards * 4;
    private const int MaxDepth = 64;

    [ThreadStatic] private static ArrayBufferWriter<byte>? _digestInput;

    private readonly ConcurrentDictionary<Key, byte[]> _cards = new();
    // Seen once: true keeps it the next time; false, too big to keep, is written straight every time.
    private readonly ConcurrentDictionary<Key, bool> _seen = new();
    // Counted here: ConcurrentDictionary.Count takes every lock, on every card.
    private int _cardCount, _seenCount;

    private readonly record struct Key(CardTemplate Template, JavaScriptEncoder? Encoder, Guid Digest);

    /// <summary>Cards kept now (at most <see cref="MaxCards"/>), for tests.</summary>
    internal int Kept => _cards.Count;

    /// <summary>
    /// The kept card for <paramref name="data"/>, expanded now if this is the second time it is asked for; null the first
    /// time, for a card too big to keep, and when the data cannot be keyed: the caller expands it as it would without keeping.
    /// </summary>
    public byte[]? Card(CardTemplate template, JsonWriterOptions options, in TemplateValue data, out bool expanded)
    {
        expanded = false;
        if (!TryDigest(data, out var digest)) return null;
        var key = new Key(template, options.Encoder, digest);
        if (_cards.TryGetValue(key, out var card)) return card;
        if (!_seen.TryGetValue(key, out var keep))
        {
            // Bounded simply: when full, start again (a team's working set of pages is far smaller than this).
            if (_seen.TryAdd(key, true) && Interlocked.Increment(ref _seenCount) > MaxSeen) Restart(_seen, ref _seenCount);
            return null;
        }
        if (!keep) return null;

        card = Expand(template, options, data);
        expanded = true;
        if (card.Length > MaxCardBytes)
        {
            _seen[key] = false;
            return card;
        }
        _seen.TryRemove(key, out _);
        if (_cards.TryAdd(key, card) && Interlocked.Increment(ref _cardCount) > MaxCards) Restart(_cards, ref _cardCount);
        return card;
    }

    private static void Restart<TValue>(ConcurrentDictionary<Key, TValue> kept, ref int count)
    {
        kept.Clear();
        Volatile.Write(ref count, 0);
    }

    private static byte[] Expand(CardTemplate template, JsonWriterOptions options, in TemplateValue data)
    {
        if (options.Encoder == TemplateNode.WriterOptions.Encoder)
        {
            using var pooled = JsonBuffer.Rent();
            template.Write(pooled.Writer, data, extras: null);
            return pooled.WrittenSpan.ToArray();
        }
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, options)) template.Write(writer, data, extras: null);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>SHA-256 (first 128 bits) of the data as the template reads it: every kind, name and value, in order.</summary>
    private static bool TryDigest(in TemplateValue data, out Guid digest)
    {
        var input = _digestInput ??= new ArrayBufferWriter<byte>(8 * 1024);
        input.ResetWrittenCount();
        if (!Append(input, data, 0))
        {
            digest = default;
            return false;
        }
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input.WrittenSpan, hash);
        digest = new Guid(hash[..16]);
        if (input.Capacity > 256 * 1024) _digestInput = null;
        return true;
    }

    private static bool Append(ArrayBufferWriter<byte> to, in TemplateValue value, int depth)
    {
        if (depth > MaxDepth) return false;
        to.GetSpan(1)[0] = (byte)value.Kind;
        to.Advance(1);
        switch (value.Kind)
        {
            case ValueKind.Boolean:
                AppendInt(to, value.AsBoolean ? 1 : 0);
                break;
            case ValueKind.Number:
                BinaryPrimitives.WriteInt64LittleEndian(to.GetSpan(8), BitConverter.DoubleToInt64Bits(value.AsNumber));
                to.Advance(8);
                break;
            case ValueKind.String:
                AppendText(to, value.AsString);
                break;
            case ValueKind.Array:
                var items = value.Count;
                AppendInt(to, items);
                for (var i = 0; i < items; i++)
                    if (!Append(to, value.Item(i), depth + 1)) return false;
                break;
            case ValueKind.Object:
                var properties = value.Count;
                AppendInt(to, properties);
                for (var i = 0; i < properties; i++)
                {
                    var (name, property) = value.Property(i);
                    AppendText(to, name);
                    if (!Append(to, property, depth + 1)) return false;
                }
                break;
        }
        return true;
    }

    private static void AppendInt(ArrayBufferWriter<byte> to, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(to.GetSpan(4), value);
        to.Advance(4);
    }

    // Length first, so "ab"+"c" and "a"+"bc" differ.
    private static void AppendText(ArrayBufferWriter<byte> to, string text)
    {
        AppendInt(to, text.Length);
        to.Write(MemoryMarshal.AsBytes(text.AsSpan()));
    }
}
