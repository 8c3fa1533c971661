using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// The Slack side of a turn, for every endpoint: what follows the acknowledgement (a replaced message, an ephemeral
/// refusal, a modal, a progress message), behind the reply surfaces the <see cref="TurnPipeline"/> answers through.
/// </summary>
public sealed class SlackConversation(SlackMessages messages, SlackApi api, SlackOutbox outbox, ILogger<SlackConversation> logger)
{
    // Slack wants its acknowledgement within 3 s; the progress gets this long before the work is stored regardless.
    private static readonly TimeSpan ProgressBudget = TimeSpan.FromSeconds(1.5);

    /// <summary>A click (block_actions) or a modal submission; <paramref name="inlineErrors"/> keeps a modal open with its errors.</summary>
    public SlackInteractionSurface Interaction(string? responseUrl, string? triggerId, string userId, string? focusEnvironment,
        Func<Reply, JsonObject?>? inlineErrors = null) => new(this, responseUrl, triggerId, userId, focusEnvironment, inlineErrors);

    /// <summary>
    /// The progress view takes the place of the message now (within <see cref="ProgressBudget"/>); without a response_url it
    /// goes to a direct message. Returns where the finished reply goes (<see cref="SlackReplyChannel"/>).
    /// </summary>
    public async Task<ReplyAddress> ShowProgressAsync(Reply progress, string? responseUrl, string userId, CancellationToken ct)
    {
        if (responseUrl is null)
        {
            using var post = messages.Message(progress, extras: w => w.WriteString("channel", userId));
            var posted = await api.RequireAsync("chat.postMessage", post, ct);
            return new SlackAddress(null, SlackPayloads.Required(posted, "channel"), SlackPayloads.Required(posted, "ts")).ToReplyAddress();
        }
        using var message = messages.Message(progress, extras: SlackReplyChannel.Replacing);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(ProgressBudget);
        try
        {
            await api.RespondAsync(responseUrl, message, budget.Token);
        }
        catch (Exception failure) when (failure is SlackDeliveryException or HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("The progress message was not shown: {Failure}", failure.Message);
        }
        return new SlackAddress(responseUrl).ToReplyAddress();
    }

    /// <summary>
    /// Sends a reply to an interaction's response_url: one that stands in for the card replaces the message (its
    /// stale buttons go); anything else, a refusal above all, is an ephemeral message only the clicker sees.
    /// Written down before the acknowledgement (<see cref="SlackOutbox"/>): the action behind it is already saved.
    /// </summary>
    public async Task RespondLaterAsync(string? responseUrl, Reply reply, string? focusEnvironment)
    {
        if (responseUrl is null)
        {
            logger.LogWarning("A {View} reply had nowhere to go: the interaction carried no response_url", reply.View);
            return;
        }
        var body = messages.Message(reply, focusEnvironment, reply.ReplacesCard ? SlackReplyChannel.Replacing : SlackReplyChannel.Ephemeral);
        await outbox.SendAsync($"{reply.View} reply", SlackDestination.Respond(responseUrl), body);
    }

    /// <summary>
    /// Opens the form as a modal; if Slack will not, says so. Not written down: the trigger_id expires 3 seconds after the
    /// click, so after a restart there is nothing a stored open could still do.
    /// </summary>
    public void OpenForm(string triggerId, Reply form, string? responseUrl)
    {
        using var modal = messages.Modal(form, SlackFormMetadata.For(form, responseUrl).ToJson());
        var open = OutgoingJson.Write((triggerId, modal), static (writer, s) =>
        {
            writer.WriteStartObject();
            writer.WriteString("trigger_id", s.triggerId);
            writer.WritePropertyName("view");
            writer.WriteRawValue(s.modal.Utf8.Span, skipInputValidation: true);
            writer.WriteEndObject();
        });
        outbox.Send("views.open", open, async (body, ct) =>
        {
            var opened = await api.CallAsync("views.open", body, ct);
            if (opened.Ok || responseUrl is null) return;
            var problem = new ErrorView("The form did not open",
                $"Slack would not open the form ({opened.Error}). Press the button again; if it keeps failing, tell whoever runs NumbersBot.",
                "providerFailed", null);
            using var refusal = messages.Message(new Reply(ViewNames.Error, problem, false), extras: SlackReplyChannel.Ephemeral);
            await api.RespondAsync(responseUrl, refusal, ct);
        });
    }
}

/// <summary>
/// A click or a modal submission: a form opens as a modal, progress replaces the message before the work is stored,
/// a replacement goes through response_url (replace_original), a new message is ephemeral to the clicker.
/// </summary>
public sealed class SlackInteractionSurface(
    SlackConversation conversation, string? responseUrl, string? triggerId, string userId, string? focusEnvironment,
    Func<Reply, JsonObject?>? inlineErrors) : IReplySurface
{
    /// <summary>Errors to show under a modal's fields instead of closing it (response_action errors).</summary>
    public JsonObject? FormErrors { get; private set; }

    public async Task<ReplyAddress?> ReplaceAsync(Reply reply, CancellationToken ct)
    {
        if (reply.InProgress) return await conversation.ShowProgressAsync(reply, responseUrl, userId, ct);
        if ((FormErrors = inlineErrors?.Invoke(reply)) is not null) return null;
        return await ShowAsync(reply);
    }

    public Task<ReplyAddress?> PostAsync(Reply reply, CancellationToken ct) => ShowAsync(reply);

    private async Task<ReplyAddress?> ShowAsync(Reply reply)
    {
        if (SlackMessages.IsForm(reply.View) && triggerId is not null)
        {
            conversation.OpenForm(triggerId, reply, responseUrl);
            return null;
        }
        await conversation.RespondLaterAsync(responseUrl, reply, focusEnvironment);
        return reply.ReplacesCard && responseUrl is not null ? new SlackAddress(responseUrl).ToReplyAddress() : null;
    }
}
