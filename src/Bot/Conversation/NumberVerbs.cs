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
    IIdSource ids)
{
    public static IReadOnlyList<Verb> Declarations { get; } =
    [
        // Without a project named, ProjectVerbs works out which one is meant (or asks) before showing its numbers.
        Verb.Of<ProjectVerbs>(Verbs.ShowNumbers, v => v.NumbersAsync) with
        {
            Help = new("numbers [project]", "The project's phone numbers per environment, with buttons to add, reassign and delete."),
            Words = ["numbers", "number", "show"], Argument = Keys.Project,
            Refreshes = new(ViewNames.Numbers, model => RefreshData((NumbersView)model)),
        },
        Verb.Of<NumberVerbs>(Verbs.AddNumberForm, v => v.AddFormAsync),
        Verb.Of<NumberVerbs>(Verbs.AddNumber, v => v.AddAsync) with
        {
            ChangesState = true, Slow = true, ShowsState = Verbs.ShowNumbers,
            Progress = r => $"Buying {(r.Optional(Keys.Country) is { } country ? $"a {country}" : "a")} number for {EnvironmentName(r)}…",
        },
        Verb.Of<NumberVerbs>(Verbs.ConnectNumber, v => v.ConnectAsync) with
        {
            ChangesState = true, Slow = true, ShowsState = Verbs.ShowNumbers, Progress = r => $"Connecting {r.Optional(Keys.Number)} to {EnvironmentName(r)}…",
        },
        Verb.Of<NumberVerbs>(Verbs.ReassignForm, v => v.ReassignFormAsync),
        Verb.Of<NumberVerbs>(Verbs.Reassign, v => v.ReassignAsync) with { ChangesState = true, ShowsState = Verbs.ShowNumbers },
        Verb.Of<NumberVerbs>(Verbs.Delete, v => v.DeleteAsync), // only asks for confirmation
        Verb.Of<NumberVerbs>(Verbs.DeleteConfirmed, v => v.DeleteConfirmedAsync) with { ChangesState = true, ShowsState = Verbs.ShowNumbers },
        Verb.Of<NumberVerbs>(Verbs.ShowHistory, v => v.HistoryAsync) with
        {
            Help = new("history <number>", "Everything that happened to a number: who, when, through which channel."),
            Words = ["history"], Argument = Keys.Number,
        },
    ];

    public async Task<Reply> ShowAsync(ConversationRequest request, CancellationToken ct)
    {
        var environment = request.Optional(Keys.Environment) is { } env ? AgentEnvironments.Parse(env) : (AgentEnvironment?)null;
        var pageIndex = request.OptionalInt(Keys.Page) ?? 0;
        var page = await show.HandleAsync(new ShowNumbers(request.Actor, request.Optional(Keys.Project), environment, pageIndex), ct);
        return new Reply(ViewNames.Numbers, NumbersView.From(page, null, environment, pageIndex));
    }

    public async Task<Reply> AddFormAsync(ConversationRequest request, CancellationToken ct)
    {
        var (page, environment) = await EditableSectionAsync(request, ct);
        return new Reply(ViewNames.AddNumberForm, AddNumberFormView.From(page, environment, NewRequestKey()));
    }

    public async Task<Reply> AddAsync(ConversationRequest request, CancellationToken ct)
    {
        var environment = AgentEnvironments.Parse(request.Required(Keys.Environment));
        try
        {
            var added = await add.HandleAsync(new AddNumber(request.Actor, request.Required(Keys.Project), environment,
                Countries.Parse(request.Required(Keys.Country)), request.Optional(Keys.AreaCode), request.Optional(Keys.Variant),
                request.Required(Keys.RequestKey)), ct);
            var text = added.Repeated
                ? $"{added.Number.Number.Display} was already added to {environment.DisplayName()} by this request; nothing more was bought."
                : $"Added {added.Number.Number.Display} to {environment.DisplayName()}{VariantSuffix(added.VariantName)}.";
            return await NumbersWithNoticeAsync(request, added.Warning is null ? Notice.Good(text) : Notice.Attention(added.Warning), ct);
        }
        catch (DomainException invalid) when (invalid.Kind == RefusalKind.Invalid)
        {
            // Bad input goes back to the form, with a fresh key: nothing was bought under the old one.
            var (page, section) = await EditableSectionAsync(request, ct);
            return new Reply(ViewNames.AddNumberForm, AddNumberFormView.From(page, section, NewRequestKey(), invalid.Message));
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
            return await NumbersWithNoticeAsync(request, connected.Warning is null ? Notice.Good(text) : Notice.Attention(connected.Warning), ct);
        }
        catch (DomainException invalid) when (invalid.Kind == RefusalKind.Invalid)
        {
            var (page, section) = await EditableSectionAsync(request, ct);
            return new Reply(ViewNames.AddNumberForm, AddNumberFormView.From(page, section, NewRequestKey(), invalid.Message));
        }
    }

    public async Task<Reply> ReassignFormAsync(ConversationRequest request, CancellationToken ct)
    {
        var (page, section, number) = await NumberOnPageAsync(request, ct);
        return new Reply(ViewNames.ReassignForm, ReassignFormView.From(page, section, number));
    }

    public async Task<Reply> ReassignAsync(ConversationRequest request, CancellationToken ct)
    {
        var variant = request.Optional(Keys.Variant);
        if (variant is null)
        {
            var (page, section, number) = await NumberOnPageAsync(request, ct);
            return new Reply(ViewNames.ReassignForm, ReassignFormView.From(page, section, number, "Choose a variant."));
        }
        var result = await reassign.HandleAsync(new ReassignVariant(request.Actor, request.RequiredId(Keys.NumberId), variant,
            request.OptionalInt(Keys.Version)), ct);
        var text = result.Unchanged
            ? $"{result.Number.Number.Display} already uses {result.After}."
            : $"{result.Number.Number.Display} now uses {result.After} (was {result.Before ?? "none"}).";
        return await NumbersWithNoticeAsync(request, Notice.Good(text), ct);
    }

    public async Task<Reply> DeleteAsync(ConversationRequest request, CancellationToken ct)
    {
        var outcome = await delete.HandleAsync(new DeleteNumber(request.Actor, request.RequiredId(Keys.NumberId), Confirmed: false,
            request.OptionalInt(Keys.Version)), ct);
        var (page, section, number) = await NumberOnPageAsync(request, ct);
        var warning = outcome is DeletionNeedsConfirmation confirm ? confirm.Warning : null;
        return new Reply(ViewNames.ConfirmDelete, new ConfirmDeleteView(new ProjectRef(page.Project.Id, page.Project.Name),
            EnvironmentRef.Of(section.Environment), number, warning));
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
                $"Deleting Live number {display} needs a second person's approval. {(waiting.AlreadyRequested ? "A request was already open" : "Requested")}: {waiting.Request.Outcome}"),
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
        return new Reply(ViewNames.History, HistoryView.From(result), ReplacesCard: false);
    }

    private Task<NumbersPage> PageAsync(ConversationRequest request, CancellationToken ct) =>
        show.HandleAsync(new ShowNumbers(request.Actor, request.Optional(Keys.Project)), ct);

    private async Task<Reply> NumbersWithNoticeAsync(ConversationRequest request, Notice notice, CancellationToken ct) =>
        new(ViewNames.Numbers, NumbersView.From(await PageAsync(request, ct), notice));

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

    private static string VariantSuffix(string? variant) => variant is null ? "" : $", variant {variant}";
}
