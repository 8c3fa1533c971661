using System.Buffers.Binary;
using System.IO.Compression;

namespace NumbersBot.Bot.Tests.Channels.Teams;

/// <summary>
/// Just enough PNG to check the Teams icons: size and colour type from IHDR, and the pixels of 8-bit RGBA images
/// (inflated IDAT, scanline filters undone), so transparency can be checked without an imaging library.
/// </summary>
public sealed record PngImage(int Width, int Height, int BitDepth, int ColorType, byte[]? Rgba)
{
    public const int Rgb = 2;
    public const int RgbAlpha = 6;

    public static PngImage Read(byte[] file)
    {
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (!file.AsSpan().StartsWith(signature)) throw new InvalidDataException("not a PNG file");
        int width = 0, height = 0, depth = 0, colorType = 0;
        using var compressed = new MemoryStream();
        for (var at = 8; at + 8 <= file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                (depth, colorType) = (data[8], data[9]);
            }
            else if (type == "IDAT") compressed.Write(data);
            at += 12 + length;
        }
        var pixels = colorType == RgbAlpha && depth == 8 ? Unfilter(Inflate(compressed.ToArray()), width, height, 4) : null;
        return new PngImage(width, height, depth, colorType, pixels);
    }

    /// <summary>The alpha of each pixel, and whether its colour is pure white.</summary>
    public IEnumerable<(byte Alpha, bool White)> Pixels()
    {
        var rgba = Rgba ?? throw new InvalidOperationException("Only 8-bit RGBA images are decoded.");
        for (var i = 0; i < rgba.Length; i += 4)
            yield return (rgba[i + 3], rgba[i] == 255 && rgba[i + 1] == 255 && rgba[i + 2] == 255);
    }

    private static byte[] Inflate(byte[] data)
    {
        using var inflater = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflater.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int bytesPerPixel)
    {
        var stride = width * bytesPerPixel;
        var image = new byte[stride * height];
        for (var row = 0; row < height; row++)
        {
            var filter = raw[row * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                var value = raw[row * (stride + 1) + 1 + x];
                int left = x >= bytesPerPixel ? image[row * stride + x - bytesPerPixel] : 0;
                int up = row > 0 ? image[(row - 1) * stride + x] : 0;
                int upLeft = row > 0 && x >= bytesPerPixel ? image[(row - 1) * stride + x - bytesPerPixel] : 0;
                image[row * stride + x] = (byte)(value + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"unknown PNG filter {filter}"),
                });
            }
        }
        return image;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
