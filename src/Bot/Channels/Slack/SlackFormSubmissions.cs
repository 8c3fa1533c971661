using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// The modals submitted: add number, reassign, grant access, name a variant. Input the domain would refuse is shown inline under its field
/// (response_action errors) and the modal stays open: nothing is bought. Otherwise the modal closes and the result
/// replaces the message the form was opened from.
/// </summary>
public static class SlackFormSubmissions
{
    public static async Task<IResult> SubmitAsync(
        JsonObject payload, SlackPeople people, SlackConversation conversation, TurnPipeline pipeline, CancellationToken ct)
    {
        var view = SlackPayloads.OptionalObject(payload, "view") ?? throw new SlackRequestException("The payload has no view.");
        var metadata = SlackFormMetadata.Parse(SlackPayloads.Optional(view, "private_metadata"));
        var values = SlackPayloads.OptionalObject(view, "state.values") ?? [];
        var actor = await people.ActorAsync(payload, ct);

        ConversationRequest request;
        switch (SlackPayloads.Optional(view, "callback_id"))
        {
            case Verbs.AddNumber:
                var (verb, data, errors) = ReadAddNumber(values, metadata);
                if (errors.Count > 0) return Errors(errors);
                request = new ConversationRequest(actor, verb, data);
                break;
            case Verbs.Reassign:
                var reassign = metadata.Data();
                reassign[Keys.Variant] = Selected(values, Keys.Variant);
                request = new ConversationRequest(actor, Verbs.Reassign, reassign);
                break;
            case Verbs.CreateProject or Verbs.UpdateProject or Verbs.SetSip:
                var (projectRequest, invalid) = ReadProjectForm(actor, SlackPayloads.Optional(view, "callback_id")!, values, metadata);
                if (invalid.Count > 0) return Errors(invalid);
                request = projectRequest;
                break;
            case Verbs.GrantAccess:
                var grant = metadata.Data();
                if (SlackPayloads.Optional(values, $"{Keys.User}.{Keys.User}.selected_user") is { } picked)
                {
                    // The people picker gives a member id of this workspace; the name is Slack's, as for anyone who asks.
                    var person = await people.ActorAsync(actor.User.Scope, picked, null, ct);
                    grant[Keys.User] = person.User.Key;
                    grant[Keys.UserName] = person.DisplayName;
                }
                foreach (var key in new[] { Keys.Role, Keys.NumbersAccess, Keys.VariantsAccess }) grant[key] = Selected(values, key);
                request = new ConversationRequest(actor, Verbs.GrantAccess, grant);
                break;
            case Verbs.CreateVariant or Verbs.RenameVariant:
                var naming = metadata.Data();
                naming[Keys.Name] = Text(values, Keys.Name);
                request = new ConversationRequest(actor, SlackPayloads.Optional(view, "callback_id")!, naming);
                break;
            default:
                return SlackUnreadable.FormAnswer(); // a modal NumbersBot did not open
        }
        var surface = conversation.Interaction(metadata.ResponseUrl, null, actor.User.Id, metadata.Environment, InlineErrors);
        await pipeline.HandleAsync(Turn.Click(SlackChannel.Name, null, request with { TimeZone = people.TimeZoneOf(actor) }), surface, ct);
        return surface.FormErrors is { } refused ? Errors(refused) : Results.Ok();
    }

    /// <summary>A form coming back with an error: shown under its field, the modal stays open.</summary>
    private static JsonObject? InlineErrors(Reply reply) => reply.Model switch
    {
        ReassignFormView { Error: { } error } => new JsonObject { [Keys.Variant] = error },
        ProjectFormView { Error: { } error } => new JsonObject { [Keys.Name] = error },
        SipFormView { Error: { } error } => new JsonObject { [Keys.Main] = error },
        AccessFormView { Error: { } error } form => new JsonObject { [form.ErrorField] = error },
        VariantFormView { Error: { } error } => new JsonObject { [Keys.Name] = error },
        _ => null,
    };

    /// <summary>
    /// The project and SIP address forms: every input's value under its action_id, added to the data the form was
    /// opened with; SIP addresses are checked here, so a bad one is shown under its field before anything is stored.
    /// </summary>
    private static (ConversationRequest Request, JsonObject Errors) ReadProjectForm(
        Domain.Access.Actor actor, string verb, JsonObject values, SlackFormMetadata metadata)
    {
        var data = metadata.Data();
        foreach (var (_, block) in values)
            foreach (var (key, input) in block as JsonObject ?? [])
                data[key] = SlackPayloads.Optional(input, "value") ?? SlackPayloads.Optional(input, "selected_option.value");
        var request = new ConversationRequest(actor, verb, data);
        var errors = new JsonObject();
        if (verb == Verbs.SetSip)
        {
            Check(errors, Keys.Main, () => Domain.Environments.SipAddresses.Require(request.Optional(Keys.Main), "main"));
            Check(errors, Keys.Fallback, () => Domain.Environments.SipAddresses.Require(request.Optional(Keys.Fallback), "fallback"));
        }
        return (request, errors);
    }

    /// <summary>
    /// Buy a number (country, area code) or, given an existing Twilio number, connect it; checked with the domain's
    /// own rules so the messages are the ones the other channels show.
    /// </summary>
    public static (string Verb, Dictionary<string, string?> Data, JsonObject Errors) ReadAddNumber(JsonObject values, SlackFormMetadata metadata)
    {
        var errors = new JsonObject();
        var data = metadata.Data();
        data[Keys.Variant] = Selected(values, Keys.Variant);
        var areaCode = Text(values, Keys.AreaCode);
        if (Text(values, Keys.Number) is { } number)
        {
            data[Keys.Number] = number;
            if (areaCode is not null)
                errors[Keys.AreaCode] = "Leave the area code empty to connect a number you already have, or clear the number below to buy one.";
            Check(errors, Keys.Number, () => PhoneNumber.ParseE164(number));
            return (Verbs.ConnectNumber, data, errors);
        }
        var countryText = Selected(values, Keys.Country);
        data[Keys.Country] = countryText;
        data[Keys.AreaCode] = areaCode;
        if (Check(errors, Keys.Country, () => Countries.Parse(countryText)) is { } country)
            Check(errors, Keys.AreaCode, () => AreaCode.ParseFor(country, areaCode));
        return (Verbs.AddNumber, data, errors);
    }

    private static T? Check<T>(JsonObject errors, string field, Func<T> parse) where T : struct
    {
        try
        {
            return parse();
        }
        catch (DomainException invalid)
        {
            errors[field] = invalid.Message;
            return null;
        }
    }

    private static void Check(JsonObject errors, string field, Func<object?> parse) => Check(errors, field, () =>
    {
        parse();
        return true;
    });

    private static IResult Errors(JsonObject errors) =>
        Results.Json(new JsonObject { ["response_action"] = "errors", ["errors"] = errors });

    // The templates give every input block the same block_id and action_id: the key of the value it holds.
    private static string? Text(JsonObject values, string key) =>
        SlackPayloads.Optional(values, $"{key}.{key}.value") is { } text && text.Trim().Length > 0 ? text.Trim() : null;

    private static string? Selected(JsonObject values, string key) => SlackPayloads.Optional(values, $"{key}.{key}.selected_option.value");
}
