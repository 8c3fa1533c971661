using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// A signed interaction NumbersBot cannot read (an older message's button, a modal it did not open, an unknown action,
/// a payload missing fields): acknowledged with 200, since Slack shows any other status as an unexplained error, and
/// answered with a sentence only the clicker sees, beside the current list. Nothing else happens.
/// </summary>
public sealed class SlackUnreadable(ConversationRouter router, SlackPeople people, SlackConversation conversation, ILogger<SlackUnreadable> logger)
{
    public const string NothingChanged = "This button is from an older message; nothing was changed.";
    public const string OlderButton = NothingChanged + " Here is the current list.";
    public const string OlderForm = "This form is from an older message or was not opened by NumbersBot, so nothing was changed. " +
                                    "Type /numbers for the current list.";

    public async Task<IResult> AnswerAsync(JsonObject? payload, string problem, CancellationToken ct)
    {
        logger.LogInformation("A signed Slack interaction could not be read and had no effect: {Problem}", problem);
        if (SlackPayloads.Optional(payload, "type") == "view_submission") return FormAnswer();
        if (SlackPayloads.ResponseUrl(payload) is { } responseUrl)
            await conversation.RespondLaterAsync(responseUrl, await CurrentListAsync(payload!, ct), null);
        return Results.Ok();
    }

    /// <summary>A modal's answer replaces the modal: the sentence, and a Close button.</summary>
    public static IResult FormAnswer() => Results.Json(new JsonObject
    {
        ["response_action"] = "update",
        ["view"] = new JsonObject
        {
            ["type"] = "modal",
            ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "NumbersBot" },
            ["close"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Close" },
            ["blocks"] = new JsonArray(new JsonObject
            {
                ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = OlderForm },
            }),
        },
    });

    /// <summary>What `numbers` shows this person here, with the sentence on top; the sentence alone when there is no one to show it to.</summary>
    private async Task<Reply> CurrentListAsync(JsonObject payload, CancellationToken ct)
    {
        var sentence = Notice.Attention(OlderButton);
        try
        {
            var actor = await people.ActorAsync(payload, ct);
            var request = new ConversationRequest(actor, Verbs.ShowNumbers, new Dictionary<string, string?>())
            {
                Conversation = SlackPayloads.Optional(payload, "channel.id") ?? SlackPayloads.Optional(payload, "container.channel_id") ?? "",
            };
            var current = await router.HandleAsync(request, ct);
            var model = current.Model switch
            {
                NumbersView numbers => numbers with { Notice = sentence },
                ProjectsView projects => projects with { Notice = sentence },
                ErrorView error => error with { Message = $"{NothingChanged} {error.Message}" },
                var other => other,
            };
            return current with { Model = model, ReplacesCard = false };
        }
        catch (Exception unknown) when (unknown is SlackRequestException or DomainException)
        {
            return new Reply(ViewNames.Error, new ErrorView("Nothing was changed",
                $"{NothingChanged} Type /numbers for the current list.", "invalid", null), ReplacesCard: false);
        }
    }
}
