using System.Diagnostics.Metrics;
using NumbersBot.Bot.Persistence;

namespace NumbersBot.Bot.Hosting;

/// <summary>
/// The operators' gauges of what waits: deferred replies (how many, and how long the oldest has waited), approvals
/// pending, telephony steps pending. Observable, so the database is read only when a listener collects (never without
/// OTLP); one read serves all four gauges of a collection.
/// </summary>
internal sealed class BacklogGauges : IHostedService
{
    public const string DeferredRepliesName = "numbersbot.deferred_replies.pending";
    public const string OldestDeferredReplyName = "numbersbot.deferred_replies.oldest_age";
    public const string PendingApprovalsName = "numbersbot.approvals.pending";
    public const string PendingTelephonyStepsName = "numbersbot.telephony.steps_pending";

    /// <summary>The four callbacks of one collection come within this; longer would show a stale backlog.</summary>
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<BacklogGauges> _logger;
    private readonly Lock _gate = new();
    private (Backlog? Backlog, DateTimeOffset ReadAt) _last;

    public BacklogGauges(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock, ILogger<BacklogGauges> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _logger = logger;
        var meter = meters.Create(Telemetry.Name);
        meter.CreateObservableGauge(DeferredRepliesName, () => Measure(b => b.DeferredReplies), "{reply}", "deferred replies not yet done");
        meter.CreateObservableGauge(OldestDeferredReplyName, () => Measure(b => OldestAge(b)), "s", "how long the oldest deferred reply not yet done has waited");
        meter.CreateObservableGauge(PendingApprovalsName, () => Measure(b => b.PendingApprovals), "{request}", "approval requests waiting for a second person");
        meter.CreateObservableGauge(PendingTelephonyStepsName, () => Measure(b => b.PendingTelephonySteps), "{step}", "telephony steps written down and not yet done");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask; // created with the host, so the gauges exist from start-up

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private double OldestAge(Backlog backlog) =>
        backlog.OldestDeferredReply is { } oldest ? Math.Max(0, (_clock.GetUtcNow() - oldest).TotalSeconds) : 0;

    private IEnumerable<Measurement<T>> Measure<T>(Func<Backlog, T> value) where T : struct =>
        Read() is { } backlog ? [new Measurement<T>(value(backlog))] : [];

    private Backlog? Read()
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (_last.Backlog is not null && now - _last.ReadAt < Reuse) return _last.Backlog;
            try
            {
                // A collection callback is synchronous; it runs on the exporter's thread, never on a request's.
                using var scope = _scopes.CreateScope();
                var backlog = scope.ServiceProvider.GetRequiredService<SqlBacklog>().ReadAsync(CancellationToken.None).GetAwaiter().GetResult();
                _last = (backlog, now);
                return backlog;
            }
            catch (Exception failure)
            {
                _logger.LogWarning(failure, "Could not read the backlog for the gauges");
                return null;
            }
        }
    }
}
