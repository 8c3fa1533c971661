using NumbersBot.Bot.Cards.Views;

namespace NumbersBot.Bot.Conversation;

// How to add a verb (the router, typed commands, help card, redelivery rule, slow-verb progress, what a repeated click
// sees and the Teams refresh all read its declaration; no channel needs to know it):
//   1. Name it with a const in Verbs below: the card templates and any code that refers to it share that string.
//   2. In its group class (NumberVerbs, ApprovalVerbs, or a new XxxVerbs), write the handler method
//      `Task<Reply> DoAsync(ConversationRequest request, CancellationToken ct)` and add one entry to the class's
//      `Declarations`: Verb.Of<XxxVerbs>(Verbs.Do, v => v.DoAsync) with { ChangesState = true, ShowsState = Verbs.ShowX }.
//      A new group class gets one line in Verbs.Declared; it is registered in DI from there.
//   3. Put the verb in its template (cards/<view>.json, cards/slack/<view>.json) and add a sample (cards/samples).

/// <summary>The method a verb runs, on its group class resolved from the request's scope.</summary>
public delegate Task<Reply> VerbMethod(ConversationRequest request, CancellationToken ct);

/// <summary>How a view re-reads itself (Teams refreshes a card per viewer): the data for the verb, from the view's model.</summary>
public sealed record VerbRefresh(string View, Func<object, IReadOnlyDictionary<string, string?>> Data);

/// <summary>
/// One verb, declared once. <see cref="Name"/> is shared with the card templates. <see cref="ChangesState"/>: a
/// redelivered request must not run twice. <see cref="Slow"/>: answered at once with <see cref="Progress"/>, finished in
/// the background. <see cref="Help"/>: its line in the help card (null for button-only verbs). <see cref="Words"/>: what
/// a person may type for it; the rest of the line goes to <see cref="Argument"/>. <see cref="ShowsState"/>: the verb
/// whose card a repeated click sees instead (given the same data). <see cref="Refreshes"/>: the view it shows afresh.
/// </summary>
public sealed record Verb(string Name, Type Group, Func<IServiceProvider, ConversationRequest, CancellationToken, Task<Reply>> Handler)
{
    public bool ChangesState { get; init; }
    public bool Slow { get; init; }
    public Func<ConversationRequest, string>? Progress { get; init; }
    public CommandHelp? Help { get; init; }
    public IReadOnlyList<string> Words { get; init; } = [];
    public string? Argument { get; init; }
    public string? ShowsState { get; init; }
    public VerbRefresh? Refreshes { get; init; }

    public static Verb Of<TGroup>(string name, Func<TGroup, VerbMethod> method) where TGroup : notnull =>
        new(name, typeof(TGroup), (services, request, ct) => method(services.GetRequiredService<TGroup>())(request, ct));
}

/// <summary>
/// Every verb a button or a typed command can carry. The card templates use the same strings,
/// so a verb renamed here must be renamed there (a test checks every template's verbs are known).
/// </summary>
public static class Verbs
{
    public const string ShowNumbers = "numbers.show";
    public const string AddNumberForm = "number.add.form";
    public const string AddNumber = "number.add";
    /// <summary>Adding a number to Live, once its confirmation card was answered.</summary>
    public const string AddNumberConfirmed = "number.add.confirm";
    public const string ConnectNumber = "number.connect";
    public const string ReassignForm = "number.reassign.form";
    public const string Reassign = "number.reassign";
    /// <summary>Reassigning a Live number's variant, once its confirmation card was answered.</summary>
    public const string ReassignConfirmed = "number.reassign.confirm";
    public const string Delete = "number.delete";
    public const string DeleteConfirmed = "number.delete.confirm";
    /// <summary>A short call to the number from the test caller, reporting whether it reached the agent.</summary>
    public const string TestCall = "number.test";
    public const string ShowApprovals = "approvals.show";
    public const string Approve = "approval.approve";
    public const string Deny = "approval.deny";
    public const string ShowApproval = "approval.show";
    public const string Withdraw = "approval.withdraw";
    public const string RetryRelease = "approval.retry-release";
    public const string ShowHistory = "history.show";
    public const string Help = HelpVerbs.Name;
    public const string ShowProjects = "projects.show";
    public const string ShowProject = "project.show";
    public const string NewProjectForm = "project.new.form";
    public const string CreateProject = "project.create";
    public const string EditProjectForm = "project.edit.form";
    public const string UpdateProject = "project.update";
    public const string SipForm = "project.sip.form";
    public const string SetSip = "project.sip";
    public const string ArchiveProject = "project.archive";
    public const string ChooseProject = "project.choose";
    public const string ProjectHistory = "history.project";
    public const string AccessHistory = "history.access";

    public const string ShowAccess = "access.show";
    public const string AccessForm = "access.form";
    public const string GrantAccess = "access.grant";
    public const string RevokeAccess = "access.revoke";
    public const string ShowVariants = "variants.show";
    public const string CreateVariantForm = "variant.create.form";
    public const string CreateVariant = "variant.create";
    public const string RenameVariantForm = "variant.rename.form";
    public const string RenameVariant = "variant.rename";
    public const string DeleteVariant = "variant.delete";
    public const string Publish = "project.publish";
    public const string Promote = "project.promote";
    public const string PromoteConfirmed = "project.promote.confirm";


    /// <summary>Every declared verb, in the order the help card lists them.</summary>
    public static IReadOnlyList<Verb> Declared { get; } =
    [
        .. NumberVerbs.Declarations, .. TestCallVerbs.Declarations, .. ProjectVerbs.Declarations, .. VariantVerbs.Declarations, .. ApprovalVerbs.Declarations,
        .. AccessVerbs.Declarations, .. HelpVerbs.Declarations,
    ];

    private static readonly Dictionary<string, Verb> ByName = Declared.ToDictionary(v => v.Name, StringComparer.Ordinal);

    public static Verb? Find(string? name) => name is not null && ByName.TryGetValue(name, out var verb) ? verb : null;

    /// <summary>Verbs that call the telephony provider and may take seconds: answered at once, finished in the background.</summary>
    public static bool IsSlow(string verb) => Find(verb)?.Slow ?? false;

    /// <summary>
    /// Verbs that change something, so a redelivered request must not run twice. The others only read (or only
    /// ask for confirmation) and may run as often as a channel asks; an unknown verb counts as changing.
    /// </summary>
    public static bool ChangesState(string verb) => Find(verb)?.ChangesState ?? true;

    /// <summary>The verb that shows a view afresh, when the view has one.</summary>
    public static Verb? RefreshFor(string view) => Declared.FirstOrDefault(v => v.Refreshes?.View == view);

    public static IReadOnlySet<string> All { get; } = Declared.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
}
