using NumbersBot.Bot.Cards.Views;
using NumbersBot.Domain;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Conversation;

/// <summary>One small method per verb on variants: the variants card, draft forms, publishing and promoting.</summary>
public sealed class VariantVerbs(
    ShowVariantsHandler show,
    CreateVariantHandler create,
    RenameVariantHandler rename,
    DeleteVariantHandler delete,
    PublishProjectHandler publish,
    PromoteVersionHandler promote,
    PreviewPromotionHandler preview,
    ShowNumbersHandler numbers,
    ChooseProjectHandler choose)
{
    public static IReadOnlyList<Verb> Declarations { get; } =
    [
        Verb.Of<VariantVerbs>(Verbs.ShowVariants, v => v.ShowAsync) with
        {
            Help = new("variants [project]", "The project's draft variants and the version running in each environment: create, rename, delete, publish, promote."),
            Words = ["variants", "variant"], Argument = Keys.Project,
            Refreshes = new(ViewNames.Variants, model => new Dictionary<string, string?> { [Keys.Project] = ((VariantsView)model).Project.Id }),
        },
        Verb.Of<VariantVerbs>(Verbs.CreateVariantForm, v => v.CreateFormAsync),
        Verb.Of<VariantVerbs>(Verbs.CreateVariant, v => v.CreateAsync) with { ChangesState = true, ShowsState = Verbs.ShowVariants },
        Verb.Of<VariantVerbs>(Verbs.RenameVariantForm, v => v.RenameFormAsync),
        Verb.Of<VariantVerbs>(Verbs.RenameVariant, v => v.RenameAsync) with { ChangesState = true, ShowsState = Verbs.ShowVariants },
        Verb.Of<VariantVerbs>(Verbs.DeleteVariant, v => v.DeleteAsync) with { ChangesState = true, ShowsState = Verbs.ShowVariants },
        Verb.Of<VariantVerbs>(Verbs.Publish, v => v.PublishAsync) with
        {
            ChangesState = true, ShowsState = Verbs.ShowVariants,
            Help = new("publish [project]", "Publish the draft variants: they become a new version on Sandbox."),
            Words = ["publish"], Argument = Keys.Project,
        },
        Verb.Of<VariantVerbs>(Verbs.Promote, v => v.PromoteAsync) with
        {
            ChangesState = true, ShowsState = Verbs.ShowVariants, // to Pre-release it promotes at once; to Live it only asks
            Help = new("promote [project] <environment>", "Move the version on Sandbox to Pre-release, or the one on Pre-release to Live (asked first)."),
            Words = ["promote"], Argument = Keys.PromoteTarget,
        },
        Verb.Of<VariantVerbs>(Verbs.PromoteConfirmed, v => v.PromoteConfirmedAsync) with { ChangesState = true, ShowsState = Verbs.ShowVariants },
    ];

    /// <summary>Verbs whose refusals are answered with the variants card as it is now (unless pressed on the numbers card).</summary>
    public static bool AnswersWithVariants(ConversationRequest request) =>
        request.Verb is Verbs.CreateVariantForm or Verbs.CreateVariant or Verbs.RenameVariantForm or Verbs.RenameVariant
            or Verbs.DeleteVariant or Verbs.Publish or Verbs.Promote or Verbs.PromoteConfirmed
        && request.Optional(Keys.From) != ViewNames.Numbers;

    public async Task<Reply> ShowAsync(ConversationRequest request, CancellationToken ct) =>
        new(ViewNames.Variants, VariantsView.From(await PageAsync(await WithProjectAsync(request, request.Optional(Keys.Project), ct), ct)));

    public async Task<Reply> CreateFormAsync(ConversationRequest request, CancellationToken ct)
    {
        var page = await EditablePageAsync(request, ct);
        return new Reply(ViewNames.VariantForm, new VariantFormView(Project(page), null, "", null));
    }

    public async Task<Reply> CreateAsync(ConversationRequest request, CancellationToken ct)
    {
        var name = request.Optional(Keys.Name) ?? "";
        try
        {
            var created = await create.HandleAsync(new CreateVariant(request.Actor, request.Required(Keys.Project), name), ct);
            return await VariantsWithNoticeAsync(request, Notice.Good(
                $"Added the draft variant {created.Variant.Name}{(created.IsDefault ? " (the default)" : "")}. Publish to put it on Sandbox."), ct);
        }
        catch (DomainException bad) when (bad.Kind is RefusalKind.Invalid or RefusalKind.Conflict)
        {
            var page = await EditablePageAsync(request, ct);
            return new Reply(ViewNames.VariantForm, new VariantFormView(Project(page), null, name, bad.Message));
        }
    }

    public async Task<Reply> RenameFormAsync(ConversationRequest request, CancellationToken ct)
    {
        var page = await EditablePageAsync(request, ct);
        var variant = Draft(page, request.Required(Keys.Variant));
        return new Reply(ViewNames.VariantForm, new VariantFormView(Project(page), variant, variant.Name, null));
    }

    public async Task<Reply> RenameAsync(ConversationRequest request, CancellationToken ct)
    {
        var name = request.Optional(Keys.Name) ?? "";
        try
        {
            var renamed = await rename.HandleAsync(
                new RenameVariant(request.Actor, request.Required(Keys.Project), request.Required(Keys.Variant), name), ct);
            return await VariantsWithNoticeAsync(request, Notice.Good(
                $"Renamed the draft variant {renamed.Before.Name} to {renamed.After.Name}. Publish to put the new name on Sandbox."), ct);
        }
        catch (DomainException bad) when (bad.Kind is RefusalKind.Invalid or RefusalKind.Conflict)
        {
            var page = await EditablePageAsync(request, ct);
            return new Reply(ViewNames.VariantForm, new VariantFormView(Project(page), Draft(page, request.Required(Keys.Variant)), name, bad.Message));
        }
    }

    public async Task<Reply> DeleteAsync(ConversationRequest request, CancellationToken ct)
    {
        var deleted = await delete.HandleAsync(new DeleteVariant(request.Actor, request.Required(Keys.Project), request.Required(Keys.Variant)), ct);
        return await VariantsWithNoticeAsync(request, Notice.Good(
            $"Deleted the draft variant {deleted.Variant.Name}. Numbers keep it until you publish."), ct);
    }

    /// <summary>From a callout on the numbers card, the answer is the numbers card: the callout it cleared is gone.</summary>
    public async Task<Reply> PublishAsync(ConversationRequest request, CancellationToken ct)
    {
        request = await WithProjectAsync(request, request.Optional(Keys.Project), ct);
        var published = await publish.HandleAsync(new PublishProject(request.Actor, request.Optional(Keys.Project)), ct);
        var notice = Notice.Good($"Published version {published.Version.Number} to Sandbox: {VariantsView.Names(published.Version)}.");
        if (request.Optional(Keys.From) == ViewNames.Numbers)
            return new Reply(ViewNames.Numbers, NumbersView.From(await numbers.HandleAsync(new ShowNumbers(request.Actor, request.Optional(Keys.Project)), ct), notice));
        return await VariantsWithNoticeAsync(request, notice, ct);
    }

    /// <summary>To Pre-release at once; to Live only once confirmed, after seeing which numbers it affects.</summary>
    public async Task<Reply> PromoteAsync(ConversationRequest request, CancellationToken ct)
    {
        var (named, to) = Target(request);
        request = await WithProjectAsync(request, named, ct);
        var project = request.Optional(Keys.Project);
        if (to == AgentEnvironment.Live)
            return new Reply(ViewNames.ConfirmPromote, ConfirmPromoteView.Of(await preview.HandleAsync(new PreviewPromotion(request.Actor, project, to), ct)));
        return await PromotedAsync(request, project, to, ct);
    }

    public Task<Reply> PromoteConfirmedAsync(ConversationRequest request, CancellationToken ct)
    {
        var (project, to) = Target(request);
        return PromotedAsync(request, project, to, ct);
    }

    private async Task<Reply> PromotedAsync(ConversationRequest request, string? project, AgentEnvironment to, CancellationToken ct)
    {
        var promoted = await promote.HandleAsync(new PromoteVersion(request.Actor, project, to.PromotedFrom()), ct);
        var page = await show.HandleAsync(new ShowVariants(request.Actor, project), ct);
        return new Reply(ViewNames.Variants, VariantsView.From(page, Notice.Good(
            $"Version {promoted.Version.Number} ({VariantsView.Names(promoted.Version)}) now runs on {promoted.To.DisplayName()}.")));
    }

    /// <summary>
    /// The project and environment to promote to: from a button's data, or typed after `promote` as [project] &lt;environment&gt;
    /// (the environment is the last word, or two: "pre release").
    /// </summary>
    public static (string? Project, AgentEnvironment To) Target(ConversationRequest request)
    {
        if (request.Optional(Keys.Environment) is { } key) return (request.Optional(Keys.Project), AgentEnvironments.Parse(key));
        var words = (request.Optional(Keys.PromoteTarget) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var take = Math.Min(2, words.Length); take >= 1; take--)
        {
            if (!AgentEnvironments.TryParse(string.Join("", words[^take..]), out var to)) continue;
            var project = string.Join(' ', words[..^take]);
            return (project.Length > 0 ? project : null, to);
        }
        throw DomainException.Invalid("Say where to promote to: `promote [project] Pre-release` or `promote [project] Live`.");
    }

    /// <summary>
    /// Typed without a project, the one this person chose in this conversation (or the only one) is meant, as for
    /// `numbers`; with several and no choice yet, they are asked to name it.
    /// </summary>
    private async Task<ConversationRequest> WithProjectAsync(ConversationRequest request, string? named, CancellationToken ct)
    {
        if (named is not null) return request.Optional(Keys.Project) == named ? request : With(request, named);
        var choice = await choose.HandleAsync(new ChooseProject(request.Actor, request.Conversation, null), ct);
        if (choice.NoneYet is not null) throw DomainException.NotFound(choice.NoneYet);
        if (choice.Chosen is null)
            throw DomainException.Invalid(
                $"Which project? Add its name, as in `{Example(request, choice.Choices[0].Name)}`. Projects: {string.Join(", ", choice.Choices.Select(p => p.Name))}.");
        return With(request, choice.Chosen.Id);
    }

    private static ConversationRequest With(ConversationRequest request, string project) =>
        request with { Data = new Dictionary<string, string?>(request.Data, StringComparer.Ordinal) { [Keys.Project] = project } };

    private static string Example(ConversationRequest request, string project) => request.Verb switch
    {
        Verbs.Publish => $"publish {project}",
        Verbs.Promote => $"promote {project} Live",
        _ => $"variants {project}",
    };

    private Task<VariantsPage> PageAsync(ConversationRequest request, CancellationToken ct) =>
        show.HandleAsync(new ShowVariants(request.Actor, request.Optional(Keys.Project)), ct);

    private async Task<VariantsPage> EditablePageAsync(ConversationRequest request, CancellationToken ct)
    {
        var page = await PageAsync(request, ct);
        page.Viewer.Require(Domain.Access.AccessArea.Variants, Domain.Access.AccessLevel.Edit);
        return page;
    }

    private async Task<Reply> VariantsWithNoticeAsync(ConversationRequest request, Notice notice, CancellationToken ct) =>
        new(ViewNames.Variants, VariantsView.From(await PageAsync(request, ct), notice));

    private static ProjectRef Project(VariantsPage page) => new(page.Project.Id, page.Project.Name);

    private static VariantChoice Draft(VariantsPage page, string variant) =>
        page.Catalog.Drafts.FirstOrDefault(v => v.Id == variant || string.Equals(v.Name, variant, StringComparison.OrdinalIgnoreCase)) is { } found
            ? new VariantChoice(found.Id, found.Name)
            : throw DomainException.NotFound($"There is no draft variant '{variant}' in {page.Project.Name}.");
}
