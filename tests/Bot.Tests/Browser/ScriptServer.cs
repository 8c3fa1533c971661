using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NumbersBot.Bot.Tests.Browser;

/// <summary>Serves one script on loopback, so the page loads the renderer from tests/js rather than the internet.</summary>
internal sealed class ScriptServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public static async Task<ScriptServer> StartAsync(string file)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var name = Path.GetFileName(file);
        // Read once: an `npm ci` elsewhere in the tree may remove the file while the test runs.
        var script = await File.ReadAllBytesAsync(file);
        app.MapGet($"/{name}", () => Results.Bytes(script, "text/javascript"));
        await app.StartAsync();
        return new ScriptServer(app, $"{app.Urls.Single()}/{name}");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
