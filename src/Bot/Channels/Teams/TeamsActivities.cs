using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// What each authenticated activity means: typed commands and Action.Submit clicks (answered through the connector),
/// the bot being added (a welcome card; the conversation remembered), and Universal Actions (<see cref="TeamsInvokes"/>).
/// </summary>
public sealed partial class TeamsActivities(
    ConversationRouter router,
    TeamsCards cards,
    ConnectorClient connector,
    IDeliveryLog deliveries,
    IDeferredReplies deferred,
    TeamsConversations conversations,
    TeamsInvokes invokes)
{
    public async Task<IResult> HandleAsync(Activity activity, CancellationToken ct)
    {
        switch (activity.Type)
        {
            case ActivityTypes.Message when activity.Value is { ValueKind: JsonValueKind.Object }:
                await SubmitAsync(activity, ct);
                return Results.Ok();
            case ActivityTypes.Message:
                await TextAsync(activity, ct);
                return Results.Ok();
            case ActivityTypes.Invoke when activity.Name == ActivityTypes.AdaptiveCardAction:
                return Results.Json(await invokes.HandleAsync(activity, ct), statusCode: (int)HttpStatusCode.OK);
            case ActivityTypes.ConversationUpdate when activity.AddsTheBot:
            case ActivityTypes.InstallationUpdate when activity.Action == "add":
                await WelcomeAsync(activity, ct);
                return Results.Ok();
            default:
                // Typing, reactions, other invokes, future activity types: acknowledged so the channel does not retry.
                return Results.Ok();
        }
    }

    /// <summary>Teams says who: the tenant and the person's Entra object id. Without both there is no one to check access for.</summary>
    public static Actor? ActorOf(Activity activity)
    {
        if (activity.TenantId is not { } tenant || activity.From?.AadObjectId is not { } objectId) return null;
        try
        {
            return new Actor(UserRef.Teams(tenant, objectId), string.IsNullOrWhiteSpace(activity.From.Name) ? "Teams user" : activity.From.Name);
        }
        catch (DomainException)
        {
            return null;
        }
    }

    public static Reply Unidentified { get; } = new(ViewNames.Error, new ErrorView("We could not tell who you are",
        "Teams did not say which Microsoft Entra account sent this, so NumbersBot cannot check what you may see or change. " +
        "Use the Teams app signed in with your work account.", "forbidden", null), ReplacesCard: false);

    /// <summary>The command without the bot's @mention, which Teams puts in the text in channels and group chats.</summary>
    public static string CommandText(Activity activity)
    {
        var text = activity.Text ?? "";
        foreach (var mention in activity.Entities ?? [])
            if (mention.Type == "mention" && mention.Mentioned?.Id == activity.Recipient?.Id && !string.IsNullOrEmpty(mention.Text))
                text = text.Replace(mention.Text, " ", StringComparison.Ordinal);
        return WebUtility.HtmlDecode(AtTag().Replace(text, " ")).Trim();
    }

    private async Task TextAsync(Activity activity, CancellationToken ct)
    {
        if (!await FirstDeliveryAsync(activity, ct)) return;
        var actor = ActorOf(activity);
        await conversations.RememberAsync(activity, actor?.User, ct);
        var reply = actor is null ? Unidentified : await router.HandleTextAsync(actor, CommandText(activity), ct);
        await AnswerAsync(activity, reply, ct);
    }

    /// <summary>Action.Submit, the fallback of every Action.Execute: value holds the verb, the button's data and the inputs.</summary>
    private async Task SubmitAsync(Activity activity, CancellationToken ct)
    {
        if (!await FirstDeliveryAsync(activity, ct)) return;
        var actor = ActorOf(activity);
        await conversations.RememberAsync(activity, actor?.User, ct);
        var (verb, data) = TeamsInvokes.Data(activity.Value!.Value, verbKey: "verb");
        if (actor is null || verb is null)
        {
            await AnswerAsync(activity, actor is null ? Unidentified : new Reply(ViewNames.Help, HelpView.For("a button without a verb"), false), ct);
            return;
        }
        var request = new ConversationRequest(actor, verb, data);
        if (Verbs.IsSlow(verb))
        {
            // The progress card takes the form's place (or arrives as a message); the result later replaces it.
            var progress = cards.Message(ConversationRouter.Progress(request), null);
            var cardId = activity.ReplyToId;
            if (cardId is not null) await connector.UpdateAsync(activity.ServiceUrl!, activity.Conversation!.Id!, cardId, progress, ct);
            else cardId = await connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, progress, ct);
            await deferred.EnqueueAsync(request, new TeamsReplyAddress(activity.ServiceUrl!, activity.Conversation.Id!, cardId, activity.From?.Id).ToAddress(), ct);
            return;
        }
        var reply = await router.HandleAsync(request, ct);
        if (reply.ReplacesCard && activity.ReplyToId is { } original)
            await connector.UpdateAsync(activity.ServiceUrl!, activity.Conversation!.Id!, original, cards.Message(reply, activity.From?.Id), ct);
        else
            await AnswerAsync(activity, reply, ct);
    }

    private async Task WelcomeAsync(Activity activity, CancellationToken ct)
    {
        await conversations.RememberAsync(activity, ActorOf(activity)?.User, ct);
        // Installing sends both conversationUpdate and installationUpdate: one welcome per conversation.
        var key = "welcome:" + TeamsConversations.ConversationKey(activity.Conversation!.Id!);
        if (!await deliveries.TryRecordFirstAsync(TeamsChannel.Name, key, ct)) return;
        var welcome = new Reply(ViewNames.Help, HelpView.For(null), ReplacesCard: false);
        await connector.SendAsync(activity.ServiceUrl!, activity.Conversation.Id!, cards.Message(welcome, null), ct);
    }

    /// <summary>A new message in the conversation, threaded under the activity it answers.</summary>
    private async Task AnswerAsync(Activity activity, Reply reply, CancellationToken ct)
    {
        var message = cards.Message(reply, activity.From?.Id);
        if (activity.Id is { } id)
            await connector.ReplyAsync(activity.ServiceUrl!, activity.Conversation!.Id!, id, message, ct);
        else
            await connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, message, ct);
    }

    /// <summary>Teams redelivers an activity it got no answer to within 15 s; only the first delivery acts.</summary>
    private Task<bool> FirstDeliveryAsync(Activity activity, CancellationToken ct) => FirstDeliveryAsync(deliveries, activity, ct);

    public static Task<bool> FirstDeliveryAsync(IDeliveryLog deliveries, Activity activity, CancellationToken ct) =>
        activity.Id is { Length: > 0 } id ? deliveries.TryRecordFirstAsync(TeamsChannel.Name, DeliveryId(activity.Conversation?.Id, id), ct) : Task.FromResult(true);

    /// <summary>Activity ids are only unique within a conversation (in channels they are timestamps), so the key names both.</summary>
    public static string DeliveryId(string? conversationId, string activityId)
    {
        var conversation = (conversationId ?? "").Split(';')[0];
        // Keys stay short enough for any database's index; a hash is as unique as the id it stands for.
        if (conversation.Length > 200) conversation = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(conversation)));
        return $"{conversation}|{activityId}";
    }

    [GeneratedRegex("<at>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AtTag();
}
