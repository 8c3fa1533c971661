using System.Buffers;

namespace NumbersBot.Bot.Channels;

/// <summary>A request body read whole, but never past what the channel ever sends.</summary>
public static class LimitedBody
{
    /// <summary>At most <paramref name="maxBytes"/>; null when the body is larger, whatever Content-Length claimed (read no further).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }
}
