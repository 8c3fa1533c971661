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
    TurnPipeline pipeline,
    TeamsCards cards,
    IBotConnector connector,
    TeamsConversations conversations,
    TeamsInvokes invokes)
{
    public async Task<IResult> HandleAsync(Activity activity, HttpResponse response, CancellationToken ct)
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
                return await invokes.HandleAsync(activity, response, ct);
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
            if (mention?.Type == "mention" && mention.Mentioned?.Id == activity.Recipient?.Id && !string.IsNullOrEmpty(mention.Text))
                text = text.Replace(mention.Text, " ", StringComparison.Ordinal);
        return WebUtility.HtmlDecode(AtTag().Replace(text, " ")).Trim();
    }

    private async Task TextAsync(Activity activity, CancellationToken ct)
    {
        var actor = ActorOf(activity);
        await conversations.RememberAsync(activity, actor?.User, ct);
        var turn = actor is null
            ? Turn.Answered(TurnKind.Typed, TeamsChannel.Name, DeliveryId(activity), Unidentified)
            : Turn.Typed(TeamsChannel.Name, DeliveryId(activity), actor, CommandText(activity), activity.Conversation?.Id ?? "", activity.LocalTimezone);
        await pipeline.HandleAsync(turn, new TeamsMessageSurface(connector, cards, activity), ct);
    }

    /// <summary>Action.Submit, the fallback of every Action.Execute: value holds the verb, the button's data and the inputs.</summary>
    private async Task SubmitAsync(Activity activity, CancellationToken ct)
    {
        var actor = ActorOf(activity);
        await conversations.RememberAsync(activity, actor?.User, ct);
        var (verb, data) = TeamsInvokes.Data(activity.Value!.Value, verbKey: "verb");
        var turn = actor is null ? Turn.Answered(TurnKind.Click, TeamsChannel.Name, DeliveryId(activity), Unidentified)
            : verb is null ? Turn.Answered(TurnKind.Click, TeamsChannel.Name, DeliveryId(activity), new Reply(ViewNames.Help, HelpView.For("a button without a verb"), false))
            : Turn.Click(TeamsChannel.Name, DeliveryId(activity), new ConversationRequest(actor, verb, data)
            {
                Conversation = activity.Conversation?.Id ?? "",
                TimeZone = activity.LocalTimezone,
            });
        await pipeline.HandleAsync(turn, new TeamsMessageSurface(connector, cards, activity), ct);
    }

    private async Task WelcomeAsync(Activity activity, CancellationToken ct)
    {
        await conversations.RememberAsync(activity, ActorOf(activity)?.User, ct);
        // Installing sends both conversationUpdate and installationUpdate: one welcome per conversation.
        var once = "welcome:" + TeamsConversations.ConversationKey(activity.Conversation!.Id!);
        var welcome = new Reply(ViewNames.Help, HelpView.For(null), ReplacesCard: false);
        await pipeline.HandleAsync(Turn.Answered(TurnKind.Typed, TeamsChannel.Name, once, welcome),
            new TeamsMessageSurface(connector, cards, activity, threaded: false), ct);
    }

    /// <summary>Teams redelivers an activity it got no answer to within 15 s; its id says which delivery this is.</summary>
    public static string? DeliveryId(Activity activity) => activity.Id is { Length: > 0 } id ? DeliveryId(activity.Conversation?.Id, id) : null;

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
