using NumbersBot.Bot.Cards.Views;
using NumbersBot.Domain;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Conversation;

/// <summary>One small method per verb on projects: read the request, call the domain, pick the view.</summary>
public sealed class ProjectVerbs(
    ListProjectsHandler list,
    ShowProjectHandler show,
    ChooseProjectHandler choose,
    CreateProjectHandler create,
    RenameProjectHandler rename,
    ChooseTelephonyIntegrationHandler integration,
    SetSipAddressesHandler sip,
    ArchiveProjectHandler archive,
    ShowProjectHistoryHandler projectHistory,
    ShowAccessHistoryHandler accessHistory,
    ProjectGate gate,
    NumberVerbs numbers)
{
    public static IReadOnlyList<Verb> Declarations { get; } =
    [
        Verb.Of<ProjectVerbs>(Verbs.ShowProjects, v => v.ListAsync) with
        {
            Help = new("projects", "Every project you may see, with buttons to open its numbers and (admins) its settings."),
            Words = ["projects"],
        },
        Verb.Of<ProjectVerbs>(Verbs.CreateProject, v => v.CreateAsync) with
        {
            ChangesState = true, ShowsState = Verbs.ShowProjects,
            Help = new("project new <name>", "Admins: create a project, then set its SIP addresses and telephony integration on its card."),
            Words = ["project new"], Argument = Keys.Name,
        },
        Verb.Of<ProjectVerbs>(Verbs.ShowProject, v => v.ShowAsync) with
        {
            Help = new("project <name>", "A project's settings: SIP addresses per environment, telephony integration; admins change them here."),
            Words = ["project"], Argument = Keys.Project,
        },
        Verb.Of<ProjectVerbs>(Verbs.NewProjectForm, v => v.NewFormAsync),
        Verb.Of<ProjectVerbs>(Verbs.EditProjectForm, v => v.EditFormAsync),
        Verb.Of<ProjectVerbs>(Verbs.UpdateProject, v => v.UpdateAsync) with { ChangesState = true, ShowsState = Verbs.ShowProject },
        Verb.Of<ProjectVerbs>(Verbs.SipForm, v => v.SipFormAsync),
        Verb.Of<ProjectVerbs>(Verbs.SetSip, v => v.SetSipAsync) with
        {
            ChangesState = true, Slow = true, ShowsState = Verbs.ShowProject,
            Progress = r => $"Saving {EnvironmentName(r)}'s SIP addresses and re-routing its numbers…",
        },
        Verb.Of<ProjectVerbs>(Verbs.ArchiveProject, v => v.ArchiveAsync) with { ChangesState = true, ShowsState = Verbs.ShowProject },
        // Remembering a choice twice does no harm, so a redelivery may run it again.
        Verb.Of<ProjectVerbs>(Verbs.ChooseProject, v => v.ChooseAsync),
        Verb.Of<ProjectVerbs>(Verbs.ProjectHistory, v => v.ProjectHistoryAsync) with
        {
            Help = new("history project <name>", "What happened in a project lately: settings, numbers, variants, publishing; who and through which channel."),
            Words = ["history project"], Argument = Keys.Project,
        },
        Verb.Of<ProjectVerbs>(Verbs.AccessHistory, v => v.AccessHistoryAsync) with
        {
            Help = new("history access", "Admins: who was granted what access, by whom."),
            Words = ["history access"],
        },
    ];

    public async Task<Reply> ListAsync(ConversationRequest request, CancellationToken ct)
    {
        var found = await list.HandleAsync(new ListProjects(request.Actor), ct);
        return new Reply(ViewNames.Projects, ProjectsView.From(found.Projects, found.Viewer.IsAdmin));
    }

    /// <summary>`numbers` without a project: the one meant here, or a list to choose from.</summary>
    public async Task<Reply> NumbersAsync(ConversationRequest request, CancellationToken ct)
    {
        if (request.Optional(Keys.Project) is not null) return await numbers.ShowAsync(request, ct);
        var choice = await choose.HandleAsync(new ChooseProject(request.Actor, request.Conversation, null), ct);
        if (choice.Chosen is null)
            return new Reply(ViewNames.Projects, ProjectsView.From(choice.Choices, choice.Viewer.IsAdmin, choosing: choice.NoneYet is null));
        return await numbers.ShowAsync(With(request, Keys.Project, choice.Chosen.Id), ct);
    }

    /// <summary>
    /// A project picked from a list: its numbers, then remembered for this person in this conversation. Opening the card
    /// checks their access and finds the project, so the choice needs no reads of its own.
    /// </summary>
    public async Task<Reply> ChooseAsync(ConversationRequest request, CancellationToken ct)
    {
        (Reply Reply, NumbersPage Page) shown;
        try
        {
            shown = await numbers.ShowPageAsync(With(request, Keys.Project, request.Required(Keys.Project)), ct);
        }
        catch (DomainException)
        {
            // The card refused (no telephony yet, no Numbers access): the choice still stands for history and variants, or
            // the choice's own refusal comes first, as when it was made before the card.
            await choose.HandleAsync(new ChooseProject(request.Actor, request.Conversation, request.Required(Keys.Project)), ct);
            throw;
        }
        await choose.RememberOpenedAsync(request.Actor, request.Conversation, shown.Page.Project, ct);
        return shown.Reply;
    }

    public async Task<Reply> ShowAsync(ConversationRequest request, CancellationToken ct)
    {
        if (request.Optional(Keys.Project) is null) return await ListAsync(request, ct);
        var settings = await show.HandleAsync(new ShowProject(request.Actor, request.Required(Keys.Project)), ct);
        return new Reply(ViewNames.Project, ProjectView.From(settings.Project, settings.Viewer.IsAdmin));
    }

    public async Task<Reply> NewFormAsync(ConversationRequest request, CancellationToken ct)
    {
        (await gate.AccessAsync(request.Actor, ct)).RequireAdmin("create a project");
        return new Reply(ViewNames.ProjectForm, ProjectFormView.New());
    }

    public async Task<Reply> CreateAsync(ConversationRequest request, CancellationToken ct)
    {
        var name = request.Optional(Keys.Name) ?? "";
        var usesVariants = !string.Equals(request.Optional(Keys.UsesVariants), "false", StringComparison.OrdinalIgnoreCase);
        try
        {
            var created = await create.HandleAsync(new CreateProject(request.Actor, name, usesVariants), ct);
            return new Reply(ViewNames.Project, ProjectView.From(created.Project, isAdmin: true, Notice.Good(
                $"Created {created.Project.Name}. Next: set each environment's SIP addresses and choose its telephony integration.")));
        }
        catch (DomainException refused) when (refused.Kind is RefusalKind.Invalid or RefusalKind.Conflict)
        {
            return new Reply(ViewNames.ProjectForm, ProjectFormView.New(name, usesVariants, refused.Message));
        }
    }

    public async Task<Reply> EditFormAsync(ConversationRequest request, CancellationToken ct)
    {
        var (project, _) = await gate.OpenAsAdminAsync(request.Actor, request.Required(Keys.Project), "change a project", ct);
        return new Reply(ViewNames.ProjectForm, ProjectFormView.Edit(project));
    }

    /// <summary>The edit form's name and integration; each change is its own audited action.</summary>
    public async Task<Reply> UpdateAsync(ConversationRequest request, CancellationToken ct)
    {
        var projectRef = request.Required(Keys.Project);
        var done = new List<string>();
        // The project as the last change left it: the card needs no read of its own.
        Project? project = null;
        try
        {
            if (request.Optional(Keys.Name) is { } name)
            {
                var renamed = await rename.HandleAsync(new RenameProject(request.Actor, projectRef, name), ct);
                if (renamed.Before != renamed.Project.Name) done.Add($"Renamed {renamed.Before} to {renamed.Project.Name}.");
                project = renamed.Project;
            }
            if (request.Optional(Keys.Integration) is { } chosen)
            {
                var wanted = EnumNames.TryParse<TelephonyIntegration>(chosen, out var parsed)
                    ? parsed
                    : throw DomainException.Invalid($"'{chosen}' is not a telephony integration.");
                var result = await integration.HandleAsync(new ChooseTelephonyIntegration(request.Actor, projectRef, wanted), ct);
                if (result.Before != result.Project.Integration)
                    done.Add($"Telephony: {ProjectsView.IntegrationName(result.Project.Integration)} (was {ProjectsView.IntegrationName(result.Before)}).");
                project = result.Project;
            }
        }
        catch (DomainException refused) when (refused.Kind is RefusalKind.Invalid or RefusalKind.Conflict)
        {
            var current = await gate.ResolveAsync(projectRef, ct);
            return new Reply(ViewNames.ProjectForm, ProjectFormView.Edit(current, string.Join(' ', done.Append(refused.Message))));
        }
        project ??= await gate.ResolveAsync(projectRef, ct);
        return new Reply(ViewNames.Project, ProjectView.From(project, isAdmin: true, Notice.Good(done.Count > 0 ? string.Join(' ', done) : "Nothing changed.")));
    }

    public async Task<Reply> SipFormAsync(ConversationRequest request, CancellationToken ct)
    {
        var (project, _) = await gate.OpenAsAdminAsync(request.Actor, request.Required(Keys.Project), "change a project's SIP addresses", ct);
        return new Reply(ViewNames.SipForm, SipFormView.From(project, AgentEnvironments.Parse(request.Required(Keys.Environment))));
    }

    public async Task<Reply> SetSipAsync(ConversationRequest request, CancellationToken ct)
    {
        var environment = AgentEnvironments.Parse(request.Required(Keys.Environment));
        string main = request.Optional(Keys.Main) ?? "", fallback = request.Optional(Keys.Fallback) ?? "";
        try
        {
            var set = await sip.HandleAsync(new SetSipAddresses(request.Actor, request.Required(Keys.Project), environment, main, fallback), ct);
            return new Reply(ViewNames.Project, ProjectView.From(set.Project, isAdmin: true, SipNotice(set)));
        }
        catch (DomainException invalid) when (invalid.Kind == RefusalKind.Invalid)
        {
            var project = await gate.ResolveAsync(request.Required(Keys.Project), ct);
            return new Reply(ViewNames.SipForm, SipFormView.From(project, environment, invalid.Message, main, fallback));
        }
    }

    public async Task<Reply> ArchiveAsync(ConversationRequest request, CancellationToken ct)
    {
        try
        {
            var archived = await archive.HandleAsync(new ArchiveProject(request.Actor, request.Required(Keys.Project)), ct);
            var all = await list.HandleAsync(new ListProjects(request.Actor), ct);
            return new Reply(ViewNames.Projects, ProjectsView.From(all.Projects, all.Viewer.IsAdmin, notice: Notice.Good($"Archived {archived.Project.Name}.")));
        }
        catch (DomainException refused) when (refused.Kind == RefusalKind.Conflict)
        {
            // Refused before anything was written: the turn's gate read still holds the project.
            var (project, _) = await gate.OpenAsAdminAsync(request.Actor, request.Required(Keys.Project), "archive a project", ct);
            return new Reply(ViewNames.Project, ProjectView.From(project, isAdmin: true, Notice.Attention(refused.Message)));
        }
    }

    /// <summary>`history &lt;number&gt;` is the number's; plain `history` the project's meant here, as `numbers` would show.</summary>
    public async Task<Reply> HistoryAsync(ConversationRequest request, CancellationToken ct) =>
        request.Optional(Keys.Number) is not null ? await numbers.HistoryAsync(request, ct) : await ProjectHistoryAsync(request, ct);

    public async Task<Reply> ProjectHistoryAsync(ConversationRequest request, CancellationToken ct)
    {
        var projectRef = request.Optional(Keys.Project);
        if (projectRef is null)
        {
            var choice = await choose.HandleAsync(new ChooseProject(request.Actor, request.Conversation, null), ct);
            if (choice.NoneYet is not null) throw DomainException.NotFound(choice.NoneYet);
            if (choice.Chosen is null) return WhichHistory(choice.Choices);
            projectRef = choice.Chosen.Id;
        }
        var history = await projectHistory.HandleAsync(new ShowProjectHistory(request.Actor, projectRef), ct);
        return new Reply(ViewNames.History, HistoryView.From(history, request.Time), ReplacesCard: false);
    }

    private static Reply WhichHistory(IReadOnlyList<Domain.Projects.Project> projects) => new(ViewNames.Error, new ErrorView("Which history?",
        $"Name a number or a project: `history +447700900123`, or `history project <name>` for one of {string.Join(", ", projects.Select(p => p.Name))}.",
        "invalid", null), ReplacesCard: false);

    public async Task<Reply> AccessHistoryAsync(ConversationRequest request, CancellationToken ct) =>
        new(ViewNames.History, HistoryView.From(await accessHistory.HandleAsync(new ShowAccessHistory(request.Actor), ct), request.Time), ReplacesCard: false);

    private static Notice SipNotice(SipAddressesSet set)
    {
        var where = $"{set.Environment.DisplayName()} now sends calls to {set.After.Main} (fallback {set.After.Fallback}).";
        var moved = set.Rerouted.Moved.Count == 0
            ? $" No {set.Environment.DisplayName()} numbers needed moving."
            : $" Moved: {string.Join(", ", set.Rerouted.Moved.Select(n => n.Display))}.";
        var notice = set.Rerouted.Failures.Count == 0
            ? Notice.Good(where + moved)
            : Notice.Attention($"{where}{(set.Rerouted.Moved.Count > 0 ? moved : "")} {string.Join(' ', set.Rerouted.Failures)}");
        // The numbers whose calls now go somewhere else: a Test call button each proves they reach the new addresses.
        return notice with
        {
            TestCalls = set.Rerouted.Moved.Take(TestCallOffer.MostOffered).Select(n => TestCallOffer.For(set.Project.Id, null, n, set.Rerouted.Moved.Count == 1)).ToList(),
        };
    }

    private static string EnvironmentName(ConversationRequest request) =>
        request.Optional(Keys.Environment) is { } key && EnumNames.TryParse<AgentEnvironment>(key, out var parsed) ? parsed.DisplayName() : "the environment";

    private static ConversationRequest With(ConversationRequest request, string key, string value) =>
        request with { Data = new Dictionary<string, string?>(request.Data) { [key] = value } };
}
