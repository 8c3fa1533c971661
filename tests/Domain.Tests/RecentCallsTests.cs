using Microsoft.Extensions.Time.Testing;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Domain.Tests;

public class RecentCallsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 22, 0, 0, TimeSpan.Zero);
    private static readonly PhoneNumber Number = PhoneNumber.ParseE164("+14155550102");

    [Fact]
    public void Figures_count_the_last_week_and_the_last_day_and_find_the_latest_call()
    {
        var calls = RecentCalls.From([Now.AddDays(-8), Now.AddDays(-3), Now.AddHours(-5), Now.AddMinutes(-3), Now.AddMinutes(-40)], Now);

        Assert.Equal(new RecentCalls(true, 4, 3, Now.AddMinutes(-3)), calls);
    }

    [Fact]
    public void Only_a_Live_number_with_calls_today_warns_before_deleting()
    {
        var today = RecentCalls.From([Now.AddHours(-2)], Now);
        var lastWeek = RecentCalls.From([Now.AddDays(-2)], Now);

        Assert.Equal((true, false, false, false), (today.WarnsBeforeDeleting(live: true), today.WarnsBeforeDeleting(live: false),
            lastWeek.WarnsBeforeDeleting(live: true), RecentCalls.Unknown.WarnsBeforeDeleting(live: true)));
    }

    [Fact]
    public async Task A_second_read_within_the_cache_window_asks_the_provider_nothing_and_one_after_it_asks_again()
    {
        var (log, clock) = (new ScriptedLog([Now.AddMinutes(-3)]), new FakeTimeProvider(Now));
        var reader = new RecentCallsReader(log, CallTrafficPolicy.Default, clock);

        var first = await reader.OfAsync("acme", Number, NumberSource.Platform, default);
        clock.Advance(TimeSpan.FromSeconds(59));
        var second = await reader.OfAsync("acme", Number, NumberSource.Platform, default);
        clock.Advance(TimeSpan.FromSeconds(1));
        await reader.OfAsync("acme", Number, NumberSource.Platform, default);

        Assert.Equal(first, second);
        Assert.Equal(2, log.Asked);
        Assert.Equal(Now - RecentCalls.Week, log.Since[0]);
    }

    [Fact]
    public async Task A_failing_provider_gives_unknown_and_is_asked_again_next_time()
    {
        var log = new ScriptedLog([]) { Failure = new DomainException(RefusalKind.ProviderFailed, "Twilio is down") };
        var reader = new RecentCallsReader(log, CallTrafficPolicy.Default, new FakeTimeProvider(Now));

        Assert.Same(RecentCalls.Unknown, await reader.OfAsync("acme", Number, NumberSource.Platform, default));
        log.Failure = null;
        Assert.True((await reader.OfAsync("acme", Number, NumberSource.Platform, default)).Known);
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_in_time_gives_unknown()
    {
        var log = new ScriptedLog([]) { Hang = true };
        var clock = new FakeTimeProvider(Now);
        var reader = new RecentCallsReader(log, CallTrafficPolicy.Default, clock);

        var reading = reader.OfAsync("acme", Number, NumberSource.Platform, default);
        await log.Arrived.Task;
        clock.Advance(CallTrafficPolicy.Default.Wait);

        Assert.Same(RecentCalls.Unknown, await reading);
    }

    private sealed class ScriptedLog(IReadOnlyList<DateTimeOffset> calls) : ICallTraffic
    {
        public int Asked;
        public List<DateTimeOffset> Since { get; } = [];
        public Exception? Failure { get; set; }
        public bool Hang { get; init; }
        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IReadOnlyList<DateTimeOffset>> InboundCallsAsync(
            string projectId, PhoneNumber number, NumberSource source, DateTimeOffset since, CancellationToken ct)
        {
            Asked++;
            Since.Add(since);
            Arrived.TrySetResult();
            if (Failure is not null) throw Failure;
            if (Hang) await Task.Delay(Timeout.Infinite, ct);
            return calls;
        }
    }
}
