using System.ComponentModel;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Tests.Cards;

namespace NumbersBot.Bot.Tests.Channels.Teams;

/// <summary>
/// The Teams app package as manifest/teams/build-package.sh makes it, checked by @microsoft/app-manifest (tests/js, run
/// by Node, with its bundled schemas) and the icons by <see cref="PngImage"/>. Without Node or the npm package the
/// schema check is skipped, or fails with CI=true.
/// </summary>
public class TeamsPackageTests
{
    private const string BotId = "3f1c2a9e-1234-4abc-9def-0123456789ab";
    private static readonly string Folder = Path.Combine(TemplateCase.RepositoryRoot, "manifest", "teams");

    [SkippableFact]
    public async Task The_built_package_holds_a_valid_manifest_for_the_given_bot_and_both_icons_at_its_top_level()
    {
        RequireNodePackage();
        using var output = new TemporaryFolder();
        var zip = Path.Combine(output.Path, "numbersbot-teams.zip");

        var (exit, _, errors) = await RunAsync("bash", [Path.Combine(Folder, "build-package.sh"), BotId, zip]);

        Assert.True(exit == 0, errors);
        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        archive.GetEntry("manifest.json")!.ExtractToFile(Path.Combine(output.Path, "manifest.json"));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(output.Path, "manifest.json")))!;
        Assert.Equal(BotId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal("1.19", manifest["manifestVersion"]!.GetValue<string>());
        Assert.Equal(["personal", "team", "groupChat"], manifest["bots"]![0]!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["numbers", "approvals", "history", "help"],
            manifest["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()));
        Assert.Empty(await SchemaErrorsAsync(Path.Combine(output.Path, "manifest.json")));
        CheckIcons(Read(archive, "color.png"), Read(archive, "outline.png"));
    }

    [SkippableFact]
    public async Task A_manifest_that_breaks_the_schema_is_caught()
    {
        RequireNodePackage();
        using var output = new TemporaryFolder();
        var broken = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!;
        broken["bots"]![0]!["botId"] = "not-a-guid";
        var file = Path.Combine(output.Path, "manifest.json");
        File.WriteAllText(file, broken.ToJsonString());

        Assert.Contains(await SchemaErrorsAsync(file), error => error.Contains("botId"));
    }

    [Fact]
    public async Task The_package_is_not_built_without_a_bot_id()
    {
        var (exit, _, errors) = await RunAsync("bash", [Path.Combine(Folder, "build-package.sh"), "not-a-guid", Path.Combine(Path.GetTempPath(), "never.zip")]);

        Assert.Equal(2, exit);
        Assert.Contains("usage:", errors);
    }

    [Fact]
    public void The_committed_icons_are_a_192_pixel_colour_icon_and_a_32_pixel_white_on_transparent_outline() =>
        CheckIcons(File.ReadAllBytes(Path.Combine(Folder, "color.png")), File.ReadAllBytes(Path.Combine(Folder, "outline.png")));

    private static void CheckIcons(byte[] colorFile, byte[] outlineFile)
    {
        var color = PngImage.Read(colorFile);
        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Contains(color.ColorType, new[] { PngImage.Rgb, PngImage.RgbAlpha });

        var outline = PngImage.Read(outlineFile);
        Assert.Equal((32, 32, 8, PngImage.RgbAlpha), (outline.Width, outline.Height, outline.BitDepth, outline.ColorType));
        var pixels = outline.Pixels().ToList();
        Assert.All(pixels, pixel => Assert.True(pixel.Alpha == 0 || pixel.White, "every visible pixel of the outline icon is white"));
        Assert.Contains(pixels, pixel => pixel.Alpha == 255);
        Assert.Equal(0, pixels[0].Alpha); // the background is fully transparent
    }

    private static async Task<IReadOnlyList<string>> SchemaErrorsAsync(string manifest)
    {
        var (exit, output, errors) = await RunAsync("node", [Path.Combine(Folder, "validate.mjs"), manifest]);
        Assert.True(exit is 0 or 1 && output.Length > 0, $"validate.mjs exited with {exit}: {errors}");
        return [.. JsonNode.Parse(output)!["errors"]!.AsArray().Select(e => e!.GetValue<string>())];
    }

    private static void RequireNodePackage()
    {
        string? missing = null;
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true })!;
            node.WaitForExit();
        }
        catch (Win32Exception)
        {
            missing = "Node.js is not installed (no `node` on PATH)";
        }
        foreach (var package in new[] { "@microsoft/app-manifest", "fs-extra" })
            if (missing is null && !File.Exists(Path.Combine(TemplateCase.RepositoryRoot, "tests", "js", "node_modules", package, "package.json")))
                missing = $"tests/js/node_modules lacks {package}";
        if (missing is null) return;
        Skip.If(true, $"{missing} (./test.sh prepares it; or run `npm ci` in tests/js)");
    }

    private static byte[] Read(ZipArchive archive, string name)
    {
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static async Task<(int Exit, string Output, string Errors)> RunAsync(string program, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TemplateCase.RepositoryRoot,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(patience.Token);
        return (process.ExitCode, await output, await errors);
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("numbersbot-teams-package").FullName;

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
