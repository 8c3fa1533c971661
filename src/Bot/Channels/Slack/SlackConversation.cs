using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// The Slack side of one request, for every endpoint: answer it through the router (or start it, for a slow verb),
/// and send what follows the acknowledgement: a replaced message, an ephemeral refusal, a modal.
/// </summary>
public sealed class SlackConversation(
    ConversationRouter router, IDeferredReplies deferred, SlackMessages messages, SlackApi api, SlackOutbox outbox,
    ILogger<SlackConversation> logger)
{
    // The progress message is sent before the work is stored, so that the result can never arrive first and be overwritten.
    private static readonly TimeSpan ProgressBudget = TimeSpan.FromSeconds(1.5);

    public Task<Reply> AnswerAsync(ConversationRequest request, CancellationToken ct) => router.HandleAsync(request, ct);

    public Task<Reply> AnswerTextAsync(Actor actor, string text, CancellationToken ct) => router.HandleTextAsync(actor, text, ct);

    /// <summary>
    /// A slow verb: the progress view takes the place of the message now, the request is stored, and the finished
    /// reply replaces the progress later (<see cref="SlackReplyChannel"/>). Without a response_url it goes to a direct message.
    /// </summary>
    public async Task StartSlowAsync(ConversationRequest request, string? responseUrl, string userId, CancellationToken ct)
    {
        var progress = messages.Message(ConversationRouter.Progress(request));
        SlackAddress address;
        if (responseUrl is not null)
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            budget.CancelAfter(ProgressBudget);
            try
            {
                await api.RespondAsync(responseUrl, SlackReplyChannel.Replacing(progress), budget.Token);
            }
            catch (Exception failure) when (failure is SlackDeliveryException or HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                logger.LogWarning("The progress message for {Verb} was not shown: {Failure}", request.Verb, failure.Message);
            }
            address = new SlackAddress(responseUrl);
        }
        else
        {
            progress["channel"] = userId;
            var posted = await api.RequireAsync("chat.postMessage", progress, ct);
            address = new SlackAddress(null, SlackPayloads.Required(posted, "channel"), SlackPayloads.Required(posted, "ts"));
        }
        await deferred.EnqueueAsync(request, address.ToReplyAddress(), ct);
    }

    /// <summary>
    /// Sends a reply to an interaction's response_url: one that stands in for the card replaces the message (its
    /// stale buttons go); anything else, a refusal above all, is an ephemeral message only the clicker sees.
    /// </summary>
    public void RespondLater(string? responseUrl, Reply reply, string? focusEnvironment)
    {
        if (responseUrl is null)
        {
            logger.LogWarning("A {View} reply had nowhere to go: the interaction carried no response_url", reply.View);
            return;
        }
        var message = messages.Message(reply, focusEnvironment);
        var body = reply.ReplacesCard ? SlackReplyChannel.Replacing(message) : SlackReplyChannel.Ephemeral(message);
        outbox.Send($"{reply.View} reply", ct => api.RespondAsync(responseUrl, body, ct));
    }

    /// <summary>Opens the form as a modal (the trigger expires 3 seconds after the click); if Slack will not, says so.</summary>
    public void OpenForm(string triggerId, Reply form, string? responseUrl)
    {
        var modal = messages.Modal(form, SlackFormMetadata.For(form, responseUrl).ToJson());
        outbox.Send("views.open", async ct =>
        {
            var opened = await api.CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = modal }, ct);
            if (opened.Ok || responseUrl is null) return;
            var problem = new ErrorView("The form did not open",
                $"Slack would not open the form ({opened.Error}). Press the button again; if it keeps failing, tell whoever runs NumbersBot.",
                "providerFailed", null);
            await api.RespondAsync(responseUrl, SlackReplyChannel.Ephemeral(messages.Message(new Reply(ViewNames.Error, problem, false))), ct);
        });
    }
}
