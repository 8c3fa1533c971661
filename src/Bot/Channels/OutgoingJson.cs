using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;

namespace NumbersBot.Bot.Channels;

/// <summary>
/// A message, card or envelope written once as UTF-8 JSON for sending, in a rented buffer that disposing returns. Sent as
/// it is (HTTP content, an HTTP response), so no JSON tree is built to send it.
/// </summary>
public sealed class OutgoingJson : IDisposable, IResult
{
    private JsonBuffer? _buffer;

    private OutgoingJson(JsonBuffer buffer) => _buffer = buffer;

    public static OutgoingJson Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = JsonBuffer.Rent();
        try
        {
            write(buffer.Writer, state);
            return new OutgoingJson(buffer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>Writes the JSON and hands back what writing it found out (how big a Slack message is).</summary>
    public static OutgoingJson Write<TState, TResult>(TState state, Func<Utf8JsonWriter, TState, TResult> write, out TResult result)
    {
        var buffer = JsonBuffer.Rent();
        try
        {
            result = write(buffer.Writer, state);
            return new OutgoingJson(buffer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>JSON built as a tree elsewhere (small bodies, tests).</summary>
    public static OutgoingJson From(JsonNode node) => Write(node, static (writer, n) => n.WriteTo(writer));

    /// <summary>This object with <paramref name="name"/> as its first property (the rest copied as written, not re-parsed).</summary>
    public OutgoingJson WithFirst(string name, string value)
    {
        var buffer = JsonBuffer.Rent();
        if (RawJson.TryWriteObject(buffer.Writer, Utf8, w => w.WriteString(name, value), last: null)) return new OutgoingJson(buffer);
        buffer.Dispose();
        throw new InvalidOperationException("Only a JSON object takes a first property.");
    }

    public ReadOnlyMemory<byte> Utf8 => (_buffer ?? throw new ObjectDisposedException(nameof(OutgoingJson))).WrittenMemory;

    public HttpContent ToContent()
    {
        var content = new ReadOnlyMemoryContent(Utf8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>A copy as a JSON tree, for what must read it back (tests, the local chat's stored answers).</summary>
    public JsonNode ToNode() => JsonNode.Parse(Utf8.Span)!;

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Utf8.Span);

    /// <summary>As an HTTP response: 200 with this body (then the buffer is returned).</summary>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            await WriteToAsync(httpContext.Response, httpContext.RequestAborted);
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Writes a 200 response with this body; the buffer stays this object's until it is disposed.</summary>
    public async Task WriteToAsync(HttpResponse response, CancellationToken ct)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        await response.Body.WriteAsync(Utf8, ct);
    }

    public void Dispose()
    {
        _buffer?.Dispose();
        _buffer = null;
    }
}
