using Microsoft.Extensions.Time.Testing;
using NumbersBot.Bot.Telephony;
using NumbersBot.Domain;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Tests.Telephony;

public class SimulatedCallTrafficTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_same_question_gets_the_same_calls_and_the_demo_numbers_range_from_quiet_to_busy()
    {
        var traffic = new SimulatedCallTraffic(new SimulatedTelephonyFaults(), new FakeTimeProvider(Now));
        var demo = new[] { "+14155550101", "+14155550102", "+14155550103", "+447700900123", "+16045550101" };

        var weeks = new List<int>();
        foreach (var e164 in demo)
        {
            var first = await traffic.InboundCallsAsync("demo", PhoneNumber.ParseE164(e164), NumberSource.Platform, Now.AddDays(-7), default);
            var again = await traffic.InboundCallsAsync("demo", PhoneNumber.ParseE164(e164), NumberSource.Platform, Now.AddDays(-7), default);
            Assert.Equal(first, again);
            Assert.All(first, at => Assert.InRange(at, Now.AddDays(-7), Now));
            weeks.Add(first.Count);
        }

        Assert.Contains(weeks, w => w == 0);
        Assert.Contains(weeks, w => w > 100);
    }

    [Fact]
    public async Task Telephony_Simulated_FailWith_fails_the_call_log_too()
    {
        var traffic = new SimulatedCallTraffic(new SimulatedTelephonyFaults("Twilio is down"), new FakeTimeProvider(Now));

        await Assert.ThrowsAsync<DomainException>(() =>
            traffic.InboundCallsAsync("demo", PhoneNumber.ParseE164("+14155550102"), NumberSource.Platform, Now.AddDays(-7), default));
    }
}
