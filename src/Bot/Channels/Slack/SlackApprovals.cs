using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// Announces a Live deletion requested from Slack in Slack:ApprovalsChannel, once per request, with Approve and
/// Deny for whichever admin picks it up. Their click replaces that message for everyone (buttons gone, outcome
/// shown); the router refuses the requester and non-admins, which they are told ephemerally.
/// </summary>
public sealed class SlackApprovals(
    SlackSettings settings, ConversationRouter router, IConversationStore announced, SlackMessages messages, SlackApi api,
    SlackOutbox outbox, IServiceScopeFactory scopes)
{
    public async Task AnnounceAsync(ConversationRequest request, CancellationToken ct)
    {
        if (settings.ApprovalsChannel is not { } channel || request.Verb != Verbs.DeleteConfirmed) return;
        var list = await router.HandleAsync(new ConversationRequest(request.Actor, Verbs.ShowApprovals, new Dictionary<string, string?>()), ct);
        if (list.Model is not ApprovalsView pending) return;

        var mine = pending.Requests.Where(r => r.IsPending && r.ProjectId == request.Optional(Keys.Project) && r.RequestedBy == request.Actor.DisplayName);
        foreach (var approval in mine)
        {
            var key = Key(approval.Id);
            if (await announced.FindAsync(SlackChannel.Name, key, ct) is not null) continue;
            // Claimed before posting, so a second click does not announce the same request twice.
            await announced.SaveAsync(SlackChannel.Name, key, new JsonObject { ["channel"] = channel }.ToJsonString(), ct);
            var message = messages.Message(new Reply(ViewNames.Approval, approval with { MayDecide = true, Notice = null }));
            message["channel"] = channel;
            outbox.Send("approval announcement", async token =>
            {
                var posted = await api.RequireAsync("chat.postMessage", message, token);
                await using var scope = scopes.CreateAsyncScope();
                // Where this copy is, for whoever later edits every copy of the request.
                await scope.ServiceProvider.GetRequiredService<IConversationStore>().SaveAsync(SlackChannel.Name, key,
                    new SlackAddress(null, SlackPayloads.Optional(posted, "channel") ?? channel, SlackPayloads.Optional(posted, "ts")).ToJson(), token);
            });
        }
    }

    public static string Key(string approvalId) => $"approval:{approvalId}";
}
