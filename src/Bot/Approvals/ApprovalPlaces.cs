using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Channels.Teams;

namespace NumbersBot.Bot.Approvals;

/// <summary>A configured place where approvers see every new request: a channel and its conversation or channel id.</summary>
public sealed record ApprovalPlace(string Channel, string Destination);

/// <summary>Every configured approvers' place; each request goes to all of them, whatever channel it came from.</summary>
public sealed record ApprovalPlaces(IReadOnlyList<ApprovalPlace> All)
{
    public static ApprovalPlaces From(IConfiguration configuration)
    {
        var places = new List<ApprovalPlace>();
        if (configuration["Teams:ApprovalsConversationId"] is { Length: > 0 } teams) places.Add(new(TeamsChannel.Name, teams.Trim()));
        if (configuration["Slack:ApprovalsChannel"] is { Length: > 0 } slack) places.Add(new(SlackChannel.Name, slack.Trim()));
        return new ApprovalPlaces(places);
    }
}
