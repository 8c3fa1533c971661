using NumbersBot.Bot.Cards.Views;
using NumbersBot.Domain;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Conversation;

/// <summary>One small method per verb on numbers: read the request, call the domain, pick the view.</summary>
public sealed class NumberVerbs(
    ShowNumbersHandler show,
    AddNumberHandler add,
    ConnectNumberHandler connect,
    ReassignVariantHandler reassign,
    DeleteNumberHandler delete,
    ShowHistoryHandler history,
    ReviewLiveChangeHandler review,
    Telephony.NumberTraffic traffic,
    IIdSource ids)
{
    public static IReadOnlyList<Verb> Declarations { get; } =
    [
        // Without a project named, ProjectVerbs works out which one is meant (or asks) before showing its numbers.
        Verb.Of<ProjectVerbs>(Verbs.ShowNumbers, v => v.NumbersAsync) with
        {
            Help = new("numbers [project] [digits or variant]",
                "The project's phone numbers per environment, with buttons to add, reassign and delete; digits or a variant's name list only the numbers that match."),
            Words = ["numbers", "number", "show"], Argument = Keys.Project,
            Refreshes = new(ViewNames.Numbers, model => RefreshData((NumbersView)model)),
        },
        Verb.Of<NumberVerbs>(Verbs.AddNumberForm, v => v.AddFormAsync),
        // Adding to Live shows what it will do first (ReviewLiveChangeHandler decides); its Confirm button is AddNumberConfirmed.
        Verb.Of<NumberVerbs>(Verbs.AddNumber, v => v.AddAsync) with
        {
            ChangesState = true, Slow = true, ShowsState = Verbs.ShowNumbers,
            Progress = r => IsLive(r) ? "Checking what adding a number to Live will do…" : Buying(r),
        },
        Verb.Of<NumberVerbs>(Verbs.AddNumberConfirmed, v => v.AddConfirmedAsync) with
        {
            ChangesState = true, Slow = true, ShowsState = Verbs.ShowNumbers, Progress = Buying,
        },
        Verb.Of<NumberVerbs>(Verbs.ConnectNumber, v => v.ConnectAsync) with
        {
            ChangesState = true, Slow = true, ShowsState = Verbs.ShowNumbers, Progress = r => $"Connecting {r.Optional(Keys.Number)} to {EnvironmentName(r)}…",
        },
        Verb.Of<NumberVerbs>(Verbs.ReassignForm, v => v.ReassignFormAsync),
        Verb.Of<NumberVerbs>(Verbs.Reassign, v => v.ReassignAsync) with { ChangesState = true, ShowsState = Verbs.ShowNumbers },
        Verb.Of<NumberVerbs>(Verbs.ReassignConfirmed, v => v.ReassignConfirmedAsync) with { ChangesState = true, ShowsState = Verbs.ShowNumbers },
        Verb.Of<NumberVerbs>(Verbs.Delete, v => v.DeleteAsync), // only asks for confirmation
        Verb.Of<NumberVerbs>(Verbs.DeleteConfirmed, v => v.DeleteConfirmedAsync) with { ChangesState = true, ShowsState = Verbs.ShowNumbers },
        // Without a number, ProjectVerbs shows the history of the project meant in this conversation.
        Verb.Of<ProjectVerbs>(Verbs.ShowHistory, v => v.HistoryAsync) with
        {
            Help = new("history [number]", "Everything that happened to a number (who, when, through which channel); alone, the project's recent history."),
            Words = ["history"], Argument = Keys.Number,
        },
    ];

    public async Task<Reply> ShowAsync(ConversationRequest request, CancellationToken ct) => (await ShowPageAsync(request, ct)).Reply;

    /// <summary>The numbers card, with the page it shows (its project, the viewer's access) for a verb that acts on them after.</summary>
    public async Task<(Reply Reply, NumbersPage Page)> ShowPageAsync(ConversationRequest request, CancellationToken ct)
    {
        var environment = request.Optional(Keys.Environment) is { } env ? AgentEnvironments.Parse(env) : (AgentEnvironment?)null;
        var pageIndex = request.OptionalInt(Keys.Page) ?? 0;
        var project = request.Optional(Keys.Project);
        var filter = request.Optional(Keys.Filter);
        NumbersPage page;
        try
        {
            page = await show.HandleAsync(new ShowNumbers(request.Actor, project, environment, pageIndex, Filter: filter), ct);
        }
        catch (DomainException unknown) when (unknown.Kind == RefusalKind.NotFound && filter is null
            && project is { } typed && typed.LastIndexOf(' ') is > 0 and var cut)
        {
            // `numbers <project> <digits or variant>`: the last word searches within the project named before it.
            filter = typed[(cut + 1)..];
            page = await show.HandleAsync(new ShowNumbers(request.Actor, typed[..cut].TrimEnd(), environment, pageIndex, Filter: filter), ct);
        }
        return (new Reply(ViewNames.Numbers, NumbersView.From(page, null, environment, pageIndex, filter)), page);
    }

    public async Task<Reply> AddFormAsync(ConversationRequest request, CancellationToken ct)
    {
        var (page, environment) = await EditableSectionAsync(request, ct);
        // Back from a confirmation brings what was typed along.
        return new Reply(ViewNames.AddNumberForm, AddNumberFormView.From(page, environment, NewRequestKey(), Connecting(request), Typed(request)));
    }

    public Task<Reply> AddAsync(ConversationRequest request, CancellationToken ct) => AddAsync(request, confirmed: false, ct);

    public Task<Reply> AddConfirmedAsync(ConversationRequest request, CancellationToken ct) => AddAsync(request, confirmed: true, ct);

    private async Task<Reply> AddAsync(ConversationRequest request, bool confirmed, CancellationToken ct)
    {
        var environment = AgentEnvironments.Parse(request.Required(Keys.Environment));
        try
        {
            var country = Countries.Parse(request.Required(Keys.Country));
            if (!confirmed && await review.HandleAsync(new ReviewAddition(request.Actor, request.Required(Keys.Project), environment, country,
                    request.Optional(Keys.AreaCode), request.Optional(Keys.Variant)), ct) is { } pause)
                return await ConfirmAsync(request, pause, new LiveAddition(country.ToString(), request.Optional(Keys.AreaCode) ?? "",
                    request.Optional(Keys.Variant) ?? "", request.Required(Keys.RequestKey)), null, ct);
            var added = await add.HandleAsync(new AddNumber(request.Actor, request.Required(Keys.Project), environment, country,
                request.Optional(Keys.AreaCode), request.Optional(Keys.Variant), request.Required(Keys.RequestKey)), ct);
            var text = added.Repeated
                ? $"{added.Number.Number.Display} was already added to {environment.DisplayName()} by this request; nothing more was bought."
                : $"Added {added.Number.Number.Display} to {environment.DisplayName()}{VariantSuffix(added.VariantName)}.";
            return await NumbersWithNoticeAsync(request, Offering(added.Warning is null ? Notice.Good(text) : Notice.Attention(added.Warning), added.Number), ct,
                added.Number.Id);
        }
        catch (DomainException refused) when (refused.Kind is RefusalKind.Invalid or RefusalKind.ProviderFailed)
        {
            // Back to the form as it was typed, with a fresh key: nothing was bought under the old one.
            return await AddFormAgainAsync(request, connecting: false, refused, ct);
        }
    }

    public async Task<Reply> ConnectAsync(ConversationRequest request, CancellationToken ct)
    {
        var environment = AgentEnvironments.Parse(request.Required(Keys.Environment));
        try
        {
            var connected = await connect.HandleAsync(new ConnectNumber(request.Actor, request.Required(Keys.Project), environment,
                request.Required(Keys.Number), request.Optional(Keys.Variant)), ct);
            var text = $"Connected {connected.Number.Number.Display} from Twilio to {environment.DisplayName()}{VariantSuffix(connected.VariantName)}.";
            return await NumbersWithNoticeAsync(request, Offering(connected.Warning is null ? Notice.Good(text) : Notice.Attention(connected.Warning), connected.Number),
                ct, connected.Number.Id);
        }
        catch (DomainException refused) when (refused.Kind is RefusalKind.Invalid or RefusalKind.ProviderFailed || refused.Input is not null)
        {
            return await AddFormAgainAsync(request, connecting: true, refused, ct);
        }
    }

    public async Task<Reply> ReassignFormAsync(ConversationRequest request, CancellationToken ct)
    {
        var (page, section, number) = await NumberOnPageAsync(request, ct);
        return new Reply(ViewNames.ReassignForm, ReassignFormView.From(page, section, number, chosen: request.Optional(Keys.Variant)));
    }

    public Task<Reply> ReassignAsync(ConversationRequest request, CancellationToken ct) => ReassignAsync(request, confirmed: false, ct);

    public Task<Reply> ReassignConfirmedAsync(ConversationRequest request, CancellationToken ct) => ReassignAsync(request, confirmed: true, ct);

    private async Task<Reply> ReassignAsync(ConversationRequest request, bool confirmed, CancellationToken ct)
    {
        var chosen = request.Optional(Keys.Variant);
        try
        {
            if (chosen is null) throw DomainException.InvalidInput("Variant", "Choose a variant.");
            var variant = chosen == ReassignFormView.NoVariantValue ? null : chosen;
            var numberId = request.RequiredId(Keys.NumberId);
            if (!confirmed && await review.HandleAsync(new ReviewReassignment(request.Actor, numberId, variant, request.OptionalInt(Keys.Version)), ct) is { } pause)
                return await ConfirmAsync(request, pause, null,
                    new LiveReassignment(numberId.ToString(), request.OptionalInt(Keys.Version) ?? 0, chosen), ct);
            var result = await reassign.HandleAsync(new ReassignVariant(request.Actor, numberId, variant, request.OptionalInt(Keys.Version)), ct);
            var text = result.Unchanged
                ? $"{result.Number.Number.Display} already uses {result.After}."
                : $"{result.Number.Number.Display} now uses {result.After} (was {result.Before ?? ReassignVariantHandler.NoVariant}).";
            return await NumbersWithNoticeAsync(request, Notice.Good(text), ct);
        }
        catch (DomainException invalid) when (invalid.Kind == RefusalKind.Invalid)
        {
            // Back to the reassign form with the choice kept; a stale card (changed, deleted) still goes to the numbers.
            var (page, section, number) = await NumberOnPageAsync(request, ct);
            return new Reply(ViewNames.ReassignForm, ReassignFormView.From(page, section, number, invalid.Message, chosen));
        }
    }

    public async Task<Reply> DeleteAsync(ConversationRequest request, CancellationToken ct)
    {
        var outcome = await delete.HandleAsync(new DeleteNumber(request.Actor, request.RequiredId(Keys.NumberId), Confirmed: false,
            request.OptionalInt(Keys.Version)), ct);
        var (page, section, number) = await NumberOnPageAsync(request, ct);
        var warning = outcome is DeletionNeedsConfirmation confirm ? confirm.Warning : null;
        return new Reply(ViewNames.ConfirmDelete, new ConfirmDeleteView(new ProjectRef(page.Project.Id, page.Project.Name),
            EnvironmentRef.Of(section.Environment), number, warning, await traffic.OfAsync(outcome.Number, request.Time, ct)));
    }

    public async Task<Reply> DeleteConfirmedAsync(ConversationRequest request, CancellationToken ct)
    {
        var outcome = await delete.HandleAsync(new DeleteNumber(request.Actor, request.RequiredId(Keys.NumberId), Confirmed: true,
            request.OptionalInt(Keys.Version)), ct);
        var display = outcome.Number.Number.Display;
        var notice = outcome switch
        {
            NumberDeleted deleted => Notice.Good(deleted.Released
                ? $"Deleted {display}: it is released and no longer reaches your agent."
                : $"Deleted {display}: it is detached and stays in your Twilio account."),
            DeletionAwaitsApproval waiting => Notice.Attention(
                $"Deleting Live number {display} needs a second person's approval. {(waiting.AlreadyRequested ? "A request was already open" : "Requested")}: {waiting.Request.OutcomeAt(request.Time.Format)}"),
            _ => Notice.Attention($"{display} was not deleted."),
        };
        var page = await NumbersWithNoticeAsync(request, notice, ct);
        return outcome is DeletionAwaitsApproval asked && asked.Request.RequestedBy == request.Actor.User
            ? page with { RequesterCardOf = asked.Request.Id }
            : page;
    }

    public async Task<Reply> HistoryAsync(ConversationRequest request, CancellationToken ct)
    {
        var result = await history.HandleAsync(new ShowHistory(request.Actor, request.Required(Keys.Number)), ct);
        return new Reply(ViewNames.History, HistoryView.From(result, request.Time, await traffic.OfAsync(result, request.Time, ct)), ReplacesCard: false);
    }

    private Task<NumbersPage> PageAsync(ConversationRequest request, CancellationToken ct) =>
        show.HandleAsync(new ShowNumbers(request.Actor, request.Optional(Keys.Project)), ct);

    private async Task<Reply> NumbersWithNoticeAsync(ConversationRequest request, Notice notice, CancellationToken ct, Guid? added = null) =>
        new(ViewNames.Numbers, NumbersView.From(await PageAsync(request, ct), notice, added: added));

    private async Task<(NumbersPage Page, EnvironmentNumbers Section)> EditableSectionAsync(ConversationRequest request, CancellationToken ct)
    {
        var page = await PageAsync(request, ct);
        page.Viewer.Require(Domain.Access.AccessArea.Numbers, Domain.Access.AccessLevel.Edit);
        var environment = AgentEnvironments.Parse(request.Required(Keys.Environment));
        return (page, page.Environments.Single(e => e.Environment == environment));
    }

    private async Task<(NumbersPage Page, EnvironmentNumbers Section, NumberView Number)> NumberOnPageAsync(ConversationRequest request, CancellationToken ct)
    {
        var id = request.RequiredId(Keys.NumberId);
        var page = await show.HandleAsync(new ShowNumbers(request.Actor, request.Optional(Keys.Project), Number: id), ct);
        page.Viewer.Require(Domain.Access.AccessArea.Numbers, Domain.Access.AccessLevel.Edit);
        if (page.Focused is not { } row) throw ProjectNumber.Gone();
        return (page, page.Environments.Single(e => e.Environment == page.FocusedIn), NumbersView.Row(row));
    }

    private async Task<Reply> AddFormAgainAsync(ConversationRequest request, bool connecting, DomainException refused, CancellationToken ct)
    {
        var (page, section) = await EditableSectionAsync(request, ct);
        var typed = Typed(request);
        var field = refused.Input is { Length: > 0 } input ? char.ToLowerInvariant(input[0]) + input[1..] : null;
        return new Reply(ViewNames.AddNumberForm, AddNumberFormView.From(page, section, NewRequestKey(), connecting, typed, refused.Message, field));
    }

    private async Task<Reply> ConfirmAsync(
        ConversationRequest request, LiveChangeReview pause, LiveAddition? addition, LiveReassignment? reassignment, CancellationToken ct)
    {
        var page = await PageAsync(request, ct);
        return new Reply(ViewNames.ConfirmLiveChange, new ConfirmLiveChangeView(new ProjectRef(page.Project.Id, page.Project.Name),
            EnvironmentRef.Of(AgentEnvironment.Live), pause.Question, pause.WhatChanges, pause.ForWhom, addition, reassignment));
    }

    private static TypedNumber Typed(ConversationRequest request) => new(
        request.Optional(Keys.Country) ?? TypedNumber.Empty.Country, request.Optional(Keys.AreaCode) ?? "",
        request.Optional(Keys.Variant) ?? "", request.Optional(Keys.Number) ?? "");

    private static bool Connecting(ConversationRequest request) => request.Optional(Keys.Connect) == "true";

    private static bool IsLive(ConversationRequest request) =>
        request.Optional(Keys.Environment) is { } key && Enum.TryParse<AgentEnvironment>(key, true, out var parsed) && parsed == AgentEnvironment.Live;

    private static string Buying(ConversationRequest r) =>
        $"Buying {(r.Optional(Keys.Country) is { } country ? $"a {country}" : "a")} number for {EnvironmentName(r)}…";

    private static string EnvironmentName(ConversationRequest request) =>
        request.Optional(Keys.Environment) is { } key && EnumNames.TryParse<AgentEnvironment>(key, out var parsed) ? parsed.DisplayName() : "the environment";

    /// <summary>The numbers card shown afresh: the same project, on the same page of the environment that was paged.</summary>
    private static Dictionary<string, string?> RefreshData(NumbersView numbers)
    {
        var data = new Dictionary<string, string?> { [Keys.Project] = numbers.Project.Id };
        if (numbers.Environments.FirstOrDefault(e => e.Page > 0) is { } paged)
        {
            data[Keys.Environment] = paged.Key;
            data[Keys.Page] = paged.Page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return data;
    }

    private string NewRequestKey() => ids.NewId().ToString("N");

    /// <summary>A number whose routing just changed gets a Test call button beside the notice that says so.</summary>
    private static Notice Offering(Notice notice, ProjectNumber number) =>
        notice with { TestCalls = [TestCallOffer.For(number.ProjectId, number.Id, number.Number)] };

    private static string VariantSuffix(string? variant) => variant is null ? "" : $", variant {variant}";
}
