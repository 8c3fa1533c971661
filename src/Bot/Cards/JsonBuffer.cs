using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using NumbersBot.Bot.Cards.Templating;

namespace NumbersBot.Bot.Cards;

/// <summary>
/// A reusable buffer and <see cref="Utf8JsonWriter"/> for one card or message: rented, written, sent, disposed (which
/// returns it), so a card costs no new buffer once the pool is warm.
/// </summary>
public sealed class JsonBuffer : IDisposable
{
    private const int KeptCapacity = 256 * 1024; // bigger buffers (a rare huge card) are let go
    private const int PoolSize = 32;
    private static readonly ConcurrentQueue<JsonBuffer> Pool = new();

    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private int _returned;

    private JsonBuffer() => Writer = new Utf8JsonWriter(_buffer, TemplateNode.WriterOptions);

    public Utf8JsonWriter Writer { get; }

    /// <summary>What was written (flushing the writer first).</summary>
    public ReadOnlyMemory<byte> WrittenMemory
    {
        get
        {
            Writer.Flush();
            return _buffer.WrittenMemory;
        }
    }

    public ReadOnlySpan<byte> WrittenSpan => WrittenMemory.Span;

    /// <summary>Copies JSON text after what the writer wrote; the writer is not used for this buffer afterwards.</summary>
    public void AppendRaw(ReadOnlySpan<byte> json)
    {
        Writer.Flush();
        _buffer.Write(json);
    }

    public static JsonBuffer Rent()
    {
        if (!Pool.TryDequeue(out var buffer)) return new JsonBuffer();
        buffer._returned = 0;
        return buffer;
    }

    public void Dispose()
    {
        // A second Dispose must not pool the buffer twice: two renters would then write into one buffer.
        if (Interlocked.Exchange(ref _returned, 1) == 1) return;
        Writer.Reset();
        _buffer.ResetWrittenCount();
        if (_buffer.Capacity <= KeptCapacity && Pool.Count < PoolSize) Pool.Enqueue(this);
    }
}
