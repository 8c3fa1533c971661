using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace NumbersBot.Bot.Tests.Hosting;

/// <summary>OpenTelemetry is wired only when there is somewhere to send it.</summary>
public class TelemetryTests
{
    [Fact]
    public async Task Without_an_OTLP_endpoint_nothing_is_collected()
    {
        await using var app = new NumbersBotApp();

        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_traces_and_metrics_are_exported()
    {
        await using var app = new NumbersBotApp().With("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317");

        Assert.NotNull(app.Services.GetService<MeterProvider>());
        Assert.NotNull(app.Services.GetService<TracerProvider>());
    }
}
