namespace NumbersBot.Bot.Channels.Local;

/// <summary>
/// The official Adaptive Cards renderer (npm adaptivecards, MIT licence, © Microsoft) pinned in the assembly with its licence,
/// so the local chat works offline and behind proxies. To update it, copy dist/adaptivecards.min.js, LICENSE and
/// dist/adaptivecards.min.js.LICENSE.txt from the version tests/js installs into Channels/Local/adaptivecards and change
/// <see cref="Version"/> (a test checks the two agree and the bytes match).
/// </summary>
public static class PinnedRenderer
{
    public const string Version = "3.0.6";
    public const string ScriptPath = $"/local/adaptivecards-{Version}.min.js";
    public const string LicencePath = "/local/adaptivecards-LICENSE.txt";

    private static readonly Lazy<byte[]> ScriptBytes = new(() => Read("adaptivecards.min.js"));
    private static readonly Lazy<byte[]> LicenceBytes = new(() =>
        [.. Read("LICENSE"), .. "\n\nNotices bundled in adaptivecards.min.js:\n\n"u8, .. Read("adaptivecards.min.js.LICENSE.txt")]);

    public static byte[] Script => ScriptBytes.Value;

    /// <summary>The package's LICENSE, then the notices its minified build carries.</summary>
    public static byte[] Licence => LicenceBytes.Value;

    private static byte[] Read(string name)
    {
        using var stream = typeof(PinnedRenderer).Assembly.GetManifestResourceStream($"adaptivecards/{name}")
            ?? throw new InvalidOperationException($"The pinned renderer's {name} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
