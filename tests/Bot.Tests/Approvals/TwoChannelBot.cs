using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Approvals;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Channels.Slack;
using NumbersBot.Bot.Tests.Channels.Teams;

namespace NumbersBot.Bot.Tests.Approvals;

/// <summary>
/// One real host with Teams (fake Bot Connector) and Slack (fake Web API) both on, approvers' places configured in
/// both: the Teams conversation <see cref="TeamsApprovers"/> (the bot was added to it) and the Slack channel <see cref="SlackApprovers"/>.
/// </summary>
public sealed class TwoChannelBot : IAsyncDisposable
{
    public const string TeamsApprovers = "19:approvers@thread.tacv2";
    public const string SlackApprovers = "C0APPROVALS";
    public static readonly string TeamsApproversPath = $"v3/conversations/{Uri.EscapeDataString(TeamsApprovers)}/activities";

    private readonly bool _restartable;

    private TwoChannelBot(TeamsBot teams, SlackBot slack, bool restartable = false)
    {
        Teams = teams;
        Slack = slack;
        _restartable = restartable;
    }

    public TeamsBot Teams { get; }
    public SlackBot Slack { get; }

    /// <param name="restartable">Disposing stops only the host; <see cref="Restarted"/> starts a new one on the same database and fakes.</param>
    public static async Task<TwoChannelBot> StartAsync(Action<IServiceCollection>? services = null, bool restartable = false)
    {
        var slackApi = await FakeSlack.StartAsync();
        var teams = await TeamsBot.StartAsync(new Dictionary<string, string?>
        {
            ["Teams:ApprovalsConversationId"] = TeamsApprovers,
            ["Slack:SigningSecret"] = SlackSigner.Secret,
            ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = slackApi.ApiBaseUrl.ToString(),
            ["Slack:ApprovalsChannel"] = SlackApprovers,
            ["Access:Admins"] = $"teams:{TeamsBot.Tenant}:{TeamsBot.AdminObjectId},slack:{SlackBot.Team}:{SlackBot.Admin},slack:{SlackBot.Team}:{SlackBot.OtherAdmin}",
        }, services, restartable);
        var bot = new TwoChannelBot(teams, SlackBot.Into(slackApi, teams.Root, teams.Http, teams.Services), restartable);
        var added = teams.Activity("conversationUpdate", TeamsApprovers, "channel");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsBot.BotAccountId });
        (await teams.PostAsync(added)).EnsureSuccessStatusCode();
        // The Teams admin has used the bot in a personal chat, so the bot knows their Teams id.
        (await teams.PostAsync(teams.Message("help"))).EnsureSuccessStatusCode();
        return bot;
    }

    /// <summary>
    /// Slack's admin asks to delete the Live +1 415-555-0102 from /numbers (their card is response_url "request"); waits until the
    /// request is posted in both approvers' places, and returns its id.
    /// </summary>
    public async Task<string> RequestLiveDeletionInSlackAsync()
    {
        var (_, delete) = await Slack.DeleteConfirmationAsync("+14155550102", "request");
        (await Slack.ClickAsync(delete, "request")).EnsureSuccessStatusCode();
        var announced = await Slack.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && Channel(c) == SlackApprovers);
        await TeamsCallAsync(IsApprovalPost);
        return Blocks.Value(Blocks.Button(announced.Body, Verbs.Approve + ":"))["approvalId"]!.GetValue<string>();
    }

    /// <summary>The approval card posted in the Teams approvers' conversation (not the welcome the bot says when added).</summary>
    public static bool IsApprovalPost(ConnectorCall call) =>
        call.Method == "POST" && call.Path == TeamsApproversPath && TeamsBot.Text(call.Body).Contains("Delete Live number +1 415-555-0102?");

    /// <summary>Another admin clicks a button on the approval card in Teams.</summary>
    public async Task ClickInTeamsAsync(string verb, string approvalId, string? reason = null)
    {
        var data = new JsonObject { [Keys.ApprovalId] = approvalId, [Keys.Project] = "demo" };
        if (reason is not null) data[Keys.Reason] = reason;
        (await Teams.PostAsync(Teams.Execute(verb, data, replyToId: "approvers-card"))).EnsureSuccessStatusCode();
    }

    /// <summary>The Teams admin's client refreshing the approval card, as Teams does when they look at it; the card they get.</summary>
    public async Task<JsonObject> RefreshInTeamsAsync(string approvalId)
    {
        using var response = await Teams.PostAsync(Teams.Execute(Verbs.ShowApproval, new JsonObject { [Keys.ApprovalId] = approvalId },
            replyToId: "approvers-card", trigger: "automatic"));
        response.EnsureSuccessStatusCode();
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Waits until the three copies (Slack approvers' post, the requester's Slack card, the Teams post) show <paramref name="text"/>.</summary>
    public async Task<(JsonObject SlackPost, JsonObject RequesterCard, JsonObject TeamsPost)> CopiesShowingAsync(string text)
    {
        var slackPost = await Slack.Slack.WaitForAsync(c => c.Method == "chat.update" && Channel(c) == SlackApprovers && Blocks.AllText(c.Body).Contains(text));
        var requester = await Slack.Slack.WaitForAsync(c => c.Method == "response_url:request" && Blocks.AllText(c.Body).Contains(text));
        var teamsPost = await TeamsCallAsync(c => c.Method == "PUT" && c.Path.StartsWith(TeamsApproversPath + "/", StringComparison.Ordinal)
                                                  && TeamsBot.Text(c.Body).Contains(text));
        return (slackPost.Body, requester.Body, teamsPost.Body!);
    }

    /// <summary>Waits until the Slack requester (the admin who asked) is told, in a direct message, a state showing <paramref name="text"/>.</summary>
    public async Task<JsonObject> ToldInSlackAsync(string text) =>
        (await Slack.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && Channel(c) == SlackBot.Admin && Blocks.AllText(c.Body).Contains(text))).Body;

    /// <summary>Waits until the stored copy of <paramref name="kind"/> records that it shows <paramref name="state"/> (or was dealt with for it).</summary>
    public async Task<ApprovalCopy> CopyShowsAsync(string approvalId, CopyKind kind, string state)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        var copies = new List<ApprovalCopy>();
        while (DateTimeOffset.UtcNow < deadline)
        {
            await using (var scope = Teams.Services.CreateAsyncScope())
                copies = [.. await scope.ServiceProvider.GetRequiredService<IApprovalCopyStore>().ForApprovalAsync(Guid.Parse(approvalId), default)];
            if (copies.FirstOrDefault(c => c.Kind == kind && c.ShownState == state) is { } copy) return copy;
            await Task.Delay(25);
        }
        throw new TimeoutException($"No {kind} copy came to show {state}; the copies: {string.Join(", ", copies.Select(c => $"{c.Kind} {c.Channel} {c.ShownState}"))}");
    }

    /// <summary>Waits for the fake Bot Connector to receive a matching call.</summary>
    public async Task<ConnectorCall> TeamsCallAsync(Func<ConnectorCall, bool> match)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (Teams.Channel.Calls.FirstOrDefault(match) is { } call) return call;
            await Task.Delay(25);
        }
        throw new TimeoutException("The Bot Connector received no such call; it received: " +
                                   string.Join(", ", Teams.Channel.Calls.Select(c => $"{c.Method} {c.Path}")));
    }

    public static string Channel(SlackCall call) => call.Body["channel"]?.GetValue<string>() ?? "";

    /// <summary>
    /// A new host on the same database, fake Bot Connector and fake Slack, as after a restart; this one (started restartable)
    /// must be disposed first. The new one owns the database and the fakes.
    /// </summary>
    public TwoChannelBot Restarted()
    {
        var teams = TeamsBot.Restart(Teams);
        return new TwoChannelBot(teams, SlackBot.Into(Slack.Slack, teams.Root, teams.Http, teams.Services));
    }

    public async ValueTask DisposeAsync()
    {
        await Teams.DisposeAsync();
        if (!_restartable) await Slack.Slack.DisposeAsync();
    }
}
