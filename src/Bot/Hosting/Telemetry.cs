using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace NumbersBot.Bot.Hosting;

/// <summary>
/// What operators measure: one ActivitySource and one Meter named NumbersBot, exported over OTLP (with ASP.NET Core
/// and HttpClient instrumentation: inbound requests, connector, Slack and Twilio calls with status codes, so 429s
/// and failures) only when OTEL_EXPORTER_OTLP_ENDPOINT is set. Without a listener every instrument below is a no-op.
/// </summary>
public static class Telemetry
{
    public const string Name = "NumbersBot";
    public const string DbStatementsName = "numbersbot.db.statements";
    public const string TurnsName = "numbersbot.turns";
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    /// <summary>SQL statements run: a card's cost in queries, per verb when read beside <see cref="Turns"/>.</summary>
    public static readonly Counter<long> DbStatements = Meter.CreateCounter<long>(DbStatementsName, description: "SQL statements run");

    /// <summary>The tag on <see cref="DbStatements"/>: a query reads rows, a write changes them.</summary>
    public const string StatementKind = "numbersbot.db.kind";
    public static readonly KeyValuePair<string, object?> Query = new(StatementKind, "query");
    public static readonly KeyValuePair<string, object?> Write = new(StatementKind, "write");

    /// <summary>Turns handled, tagged with the channel and the verb.</summary>
    public static readonly Counter<long> Turns = Meter.CreateCounter<long>(TurnsName, description: "turns handled, by channel and verb");

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // The backlog gauges cost nothing until a listener collects them, so they are there with or without OTLP.
        services.AddMetrics();
        services.AddSingleton<BacklogGauges>();
        services.AddHostedService(provider => provider.GetRequiredService<BacklogGauges>());
        if (string.IsNullOrWhiteSpace(configuration[EndpointSetting])) return services;
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddOtlpExporter())
            .WithMetrics(metrics => metrics.AddMeter(Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddOtlpExporter());
        return services;
    }
}
