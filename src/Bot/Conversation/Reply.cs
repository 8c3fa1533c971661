namespace NumbersBot.Bot.Conversation;

/// <summary>
/// A channel-neutral answer: which view to show and its model. Each channel renders the view with its own
/// template (an Adaptive Card, Block Kit) from cards/. <paramref name="ReplacesCard"/>: the answer stands in for
/// the card the button was on, rather than arriving as a new message.
/// </summary>
public sealed record Reply(string View, object Model, bool ReplacesCard = true)
{
    /// <summary>Set by the <see cref="TurnPipeline"/>: this shows slow work under way; its result replaces it later.</summary>
    public bool InProgress { get; init; }

    /// <summary>Set by the <see cref="TurnPipeline"/>: the turn changed something, so every copy of the card may show it.</summary>
    public bool StateChanged { get; init; }

    /// <summary>This is the requester's own card for that approval: where it is shown is kept, and kept true, as a copy.</summary>
    public Guid? RequesterCardOf { get; init; }
}

/// <summary>The views there are; each has a template cards/&lt;name&gt;.json (and cards/slack/&lt;name&gt;.json).</summary>
public static class ViewNames
{
    public const string Numbers = "numbers";
    public const string AddNumberForm = "add-number";
    public const string ReassignForm = "reassign-variant";
    public const string ConfirmDelete = "confirm-delete";
    public const string Result = "result";
    public const string Error = "error";
    public const string Approvals = "approvals";
    public const string Approval = "approval";
    public const string History = "history";
    public const string Help = "help";
    public const string Projects = "projects";
    public const string Project = "project";
    public const string ProjectForm = "project-form";
    public const string SipForm = "sip-form";
    public const string Access = "access";
    public const string AccessForm = "access-form";
    public const string Variants = "variants";
    public const string VariantForm = "variant-form";
    public const string ConfirmPromote = "confirm-promote";
    public const string ConfirmLiveChange = "confirm-live-change";

    public static IReadOnlyList<string> All { get; } =
        [Numbers, AddNumberForm, ReassignForm, ConfirmDelete, Result, Error, Approvals, Approval, History, Help, Projects, Project, ProjectForm, SipForm,
         Access, AccessForm, Variants, VariantForm, ConfirmPromote, ConfirmLiveChange];
}
