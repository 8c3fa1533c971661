using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Bot.Tests.Approvals;

namespace NumbersBot.Bot.Tests.Telephony;

/// <summary>Teams and Slack as places to post to, recording what arrives.</summary>
public sealed class RecordingChannels
{
    public RecordingReplyChannel Teams { get; } = new(TeamsChannel.Name);
    public RecordingReplyChannel Slack { get; } = new(SlackChannel.Name);
}
