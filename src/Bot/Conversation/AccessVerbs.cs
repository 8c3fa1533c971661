using NumbersBot.Bot.Cards.Views;
using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;

namespace NumbersBot.Bot.Conversation;

/// <summary>One small method per verb on access (admins): the access card, the grant/change form, grant and revoke.</summary>
public sealed class AccessVerbs(ShowAccessHandler show, GrantAccessHandler grant, RevokeAccessHandler revoke, AccessControl access)
{
    public static IReadOnlyList<Verb> Declarations { get; } =
    [
        Verb.Of<AccessVerbs>(Verbs.ShowAccess, v => v.ShowAsync) with
        {
            Help = new("access", "Admins: who may see and change numbers and variants; grant, change and revoke access."),
            Words = ["access"],
            Refreshes = new(ViewNames.Access, _ => new Dictionary<string, string?>()),
        },
        Verb.Of<AccessVerbs>(Verbs.AccessForm, v => v.FormAsync),
        Verb.Of<AccessVerbs>(Verbs.GrantAccess, v => v.GrantAsync) with { ChangesState = true, ShowsState = Verbs.ShowAccess },
        Verb.Of<AccessVerbs>(Verbs.RevokeAccess, v => v.RevokeAsync) with { ChangesState = true, ShowsState = Verbs.ShowAccess },
    ];

    public async Task<Reply> ShowAsync(ConversationRequest request, CancellationToken ct) =>
        new(ViewNames.Access, AccessView.From(await show.HandleAsync(new ShowAccess(request.Actor), ct)));

    /// <summary>The form to grant someone access or, given a person, to change theirs.</summary>
    public async Task<Reply> FormAsync(ConversationRequest request, CancellationToken ct)
    {
        await show.HandleAsync(new ShowAccess(request.Actor), ct);
        var person = request.Optional(Keys.User) is { } key
            ? await access.EffectiveAsync(UserRef.Resolve(key, request.Actor.User), null, ct)
            : null;
        return new Reply(ViewNames.AccessForm, AccessFormView.For(request.Actor.Channel, person));
    }

    public async Task<Reply> GrantAsync(ConversationRequest request, CancellationToken ct)
    {
        UserRef user;
        try
        {
            // A picker's choice, else what was typed; a change names its person in the button's data.
            user = UserRef.Resolve(request.Optional(Keys.User) ?? request.Optional(Keys.UserTyped), request.Actor.User);
        }
        catch (DomainException unknown) when (unknown.Kind == RefusalKind.Invalid)
        {
            await show.HandleAsync(new ShowAccess(request.Actor), ct);
            return new Reply(ViewNames.AccessForm, AccessFormView.For(request.Actor.Channel, null, unknown.Message, Keys.User));
        }
        try
        {
            var granted = await grant.HandleAsync(new GrantAccess(request.Actor, user.Key, request.Optional(Keys.UserName),
                Parse<Role>(request, Keys.Role, Role.Member), Parse<AccessLevel>(request, Keys.NumbersAccess, AccessLevel.None),
                Parse<AccessLevel>(request, Keys.VariantsAccess, AccessLevel.None)), ct);
            var after = granted.After;
            if (after.User == request.Actor.User && !after.IsAdmin) return SteppedDown(after);
            return await ListAsync(request, Notice.Good(
                $"{after.DisplayName} now has: {after.Role}, Numbers {after.Numbers}, Variants {after.Variants}."), ct);
        }
        catch (DomainException invalid) when (invalid.Kind == RefusalKind.Invalid)
        {
            // The person is chosen by now; the form comes back for them, with the reason under the role.
            var person = await access.EffectiveAsync(user, request.Optional(Keys.UserName), ct);
            return new Reply(ViewNames.AccessForm, AccessFormView.For(request.Actor.Channel, person, invalid.Message, Keys.Role));
        }
    }

    public async Task<Reply> RevokeAsync(ConversationRequest request, CancellationToken ct)
    {
        var revoked = await revoke.HandleAsync(new RevokeAccess(request.Actor, request.Required(Keys.User)), ct);
        if (revoked.After.User == request.Actor.User) return SteppedDown(revoked.After);
        return await ListAsync(request, Notice.Good($"{revoked.After.DisplayName} has no access any more."), ct);
    }

    /// <summary>An admin who gave up the role may no longer see the access card; they are told what they have now.</summary>
    private static Reply SteppedDown(UserAccess now) => new(ViewNames.Result, new ResultView(null, "You are no longer an admin",
        $"You now have: {now.Role}, Numbers {now.Numbers}, Variants {now.Variants}.", [], "good"));

    private async Task<Reply> ListAsync(ConversationRequest request, Notice notice, CancellationToken ct) =>
        new(ViewNames.Access, AccessView.From(await show.HandleAsync(new ShowAccess(request.Actor), ct), notice));

    /// <summary>By name only, any case (a numeral is not a level); nothing chosen means the lowest.</summary>
    private static T Parse<T>(ConversationRequest request, string key, T fallback) where T : struct, Enum
    {
        if (request.Optional(key) is not { } text) return fallback;
        foreach (var value in Enum.GetValues<T>())
            if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase)) return value;
        throw DomainException.Invalid($"'{text}' is not a {key}. Choose {string.Join(", ", Enum.GetNames<T>())}.");
    }
}
