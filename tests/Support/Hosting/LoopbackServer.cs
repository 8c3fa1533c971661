using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NumbersBot.Tests.Support.Hosting;

/// <summary>
/// A fake HTTP service on a free loopback port: plain http, and https too when given a certificate. Disposing stops it
/// (more than once is harmless, so a test can take a service down and still dispose it).
/// </summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The plain-http address, ending in a slash.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The https address, when listening with a certificate.</summary>
    protected Uri? HttpsBaseUrl { get; private set; }

    protected async Task ListenAsync(Action<WebApplication> map, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            if (certificate is not null) kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
        });
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        _app = app;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
        if (certificate is not null) HttpsBaseUrl = new Uri(addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (Interlocked.Exchange(ref _app, null) is not { } app) return;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(patience.Token);
        await app.DisposeAsync();
    }
}
