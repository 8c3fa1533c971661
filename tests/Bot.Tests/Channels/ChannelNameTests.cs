using NumbersBot.Bot.Channels.Local;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Tests.Channels;

public sealed class ChannelNameTests
{
    [Fact]
    public void A_person_belongs_to_the_channel_named_as_the_channel_names_itself()
    {
        Assert.Equal(TeamsChannel.Name, UserRef.Teams("tenant-1", "oid-1").Channel);
        Assert.Equal(SlackChannel.Name, UserRef.Slack("T1", "U1").Channel);
        Assert.Equal(LocalReplyChannel.Name, UserRef.Local("alice").Channel);
    }
}
