using NumbersBot.Bot.Cards.Views;

namespace NumbersBot.Bot.Tests.Views;

public class ViewerTimeTests
{
    private static readonly DateTimeOffset Winter = new(2026, 11, 27, 13, 3, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Summer = new(2026, 7, 1, 13, 3, 0, TimeSpan.Zero);

    [Fact]
    public void A_time_is_shown_in_the_viewers_zone_with_UTC_beside_it()
    {
        Assert.Equal("2026-07-01 14:03 Europe/London (13:03 UTC)", ViewerTime.In("Europe/London").Format(Summer));
        Assert.Equal("2026-11-27 08:03 America/New_York (13:03 UTC)", ViewerTime.In("America/New_York").Format(Winter));
    }

    [Fact]
    public void The_UTC_date_is_repeated_when_it_is_not_the_viewers_date()
    {
        var lateEvening = new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal("2026-11-28 08:30 Asia/Tokyo (2026-11-27 23:30 UTC)", ViewerTime.In("Asia/Tokyo").Format(lateEvening));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../etc/passwd")]
    [InlineData("/usr/share/zoneinfo/Europe/London")]
    [InlineData("Europe/London\0")]
    [InlineData("   ")]
    [InlineData("Europe/")]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    public void An_unknown_or_UTC_zone_shows_UTC_alone(string? zone)
    {
        Assert.Equal("2026-11-27 13:03 UTC", ViewerTime.In(zone).Format(Winter));
    }

    [Fact]
    public void A_zone_id_longer_than_any_real_one_is_not_looked_up()
    {
        Assert.Equal("2026-11-27 13:03 UTC", ViewerTime.In("Europe/" + new string('x', 200)).Format(Winter));
    }
}
