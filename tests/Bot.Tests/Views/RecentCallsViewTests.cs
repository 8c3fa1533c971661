using NumbersBot.Bot.Cards.Views;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Views;

public class RecentCallsViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 22, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(20, "just now")]
    [InlineData(60, "1 minute ago")]
    [InlineData(180, "3 minutes ago")]
    [InlineData(3_600, "1 hour ago")]
    [InlineData(47 * 3_600, "47 hours ago")]
    [InlineData(3 * 86_400, "3 days ago")]
    public void How_long_ago_reads_in_words(int seconds, string words) => Assert.Equal(words, RecentCallsView.Ago(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Figures_read_in_words_with_the_last_call_in_the_viewers_zone()
    {
        var calls = new RecentCalls(true, 1_498, 214, Now.AddMinutes(-3));

        var view = RecentCallsView.From(calls, "+1 415-555-0102", live: true, ViewerTime.In("Europe/Paris"), Now);

        Assert.Equal("1,498 calls in the last 7 days; the last 3 minutes ago (2026-12-05 22:57 Europe/Paris (21:57 UTC)).", view.Summary);
        Assert.Equal("+1 415-555-0102 took 214 calls in the last 24 hours; the last 3 minutes ago. Deleting it cuts off callers who are still dialling it.",
            view.Warning);
    }

    [Fact]
    public void One_call_is_singular_and_unknown_traffic_says_so()
    {
        var one = RecentCallsView.From(new RecentCalls(true, 1, 0, Now.AddDays(-2)), "+1 415-555-0102", live: true, ViewerTime.Utc, Now);

        Assert.Equal(new RecentCallsView("1 call in the last 7 days; the last 2 days ago (2026-12-03 22:00 UTC).", null), one);
        Assert.Equal(new RecentCallsView(RecentCallsView.UnknownSummary, null),
            RecentCallsView.From(RecentCalls.Unknown, "+1 415-555-0102", live: true, ViewerTime.Utc, Now));
    }

    [Fact]
    public void Made_up_figures_for_a_simulated_number_say_so()
    {
        var view = RecentCallsView.From(new RecentCalls(true, 3, 1, Now.AddHours(-2)), "+1 415-555-0102", live: false, ViewerTime.Utc, Now, simulated: true);

        Assert.Equal("Simulated (this number is not on Twilio): 3 calls in the last 7 days; the last 2 hours ago (2026-12-05 20:00 UTC).", view.Summary);
    }
}
