using NumbersBot.Bot.Persistence;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>What a host knows about its kept looks without asking the database (RepositorySuite.KeptReads has them end to end).</summary>
public class KeptReadsTests
{
    private static readonly object Rows = new();

    [Fact]
    public void Rows_kept_under_a_version_seen_before_a_committed_write_are_known_to_be_out_of_date()
    {
        var kept = new KeptReads();
        kept.Keep("gate", 5, Rows);

        kept.Passed(kept.Newest);

        Assert.False(kept.MayHold("gate"));
    }

    [Fact]
    public void Rows_kept_under_a_version_older_than_one_seen_since_are_known_to_be_out_of_date()
    {
        var kept = new KeptReads();
        kept.Keep("dave", 5, Rows);

        kept.Keep("erin", 6, Rows);

        Assert.Equal((false, true), (kept.MayHold("dave"), kept.MayHold("erin")));
    }

    [Fact]
    public void A_write_that_turns_out_not_to_have_moved_the_version_stops_counting_once_a_read_sees_the_same_version_again()
    {
        var kept = new KeptReads();
        kept.Keep("gate", 5, Rows);
        kept.Passed(kept.Newest);

        kept.Keep("gate", 5, Rows); // read afresh: the database is still at 5

        Assert.True(kept.MayHold("gate"));
    }
}
