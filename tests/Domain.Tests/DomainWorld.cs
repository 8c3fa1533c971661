using Microsoft.Extensions.Time.Testing;

namespace NumbersBot.Domain.Tests;

/// <summary>
/// One project with SIP addresses, five people and the real handlers over in-memory fakes, a fake clock and
/// sequential ids: a fresh world per test, so every test states only what it is about.
/// </summary>
public sealed class DomainWorld
{
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Admin by configuration (Access:Admins); storage knows nothing of her.</summary>
    public Actor Ada { get; } = new(UserRef.Local("ada"), "Ada");

    /// <summary>Admin as stored.</summary>
    public Actor Grace { get; } = new(UserRef.Local("grace"), "Grace");

    /// <summary>Member with Edit in Numbers and Variants.</summary>
    public Actor Mel { get; } = new(UserRef.Local("mel"), "Mel");

    /// <summary>Member with Read in Numbers and Variants.</summary>
    public Actor Rita { get; } = new(UserRef.Local("rita"), "Rita");

    /// <summary>Member with no access anywhere.</summary>
    public Actor Nora { get; } = new(UserRef.Local("nora"), "Nora");

    public FakeTimeProvider Clock { get; } = new(Start);
    public SequentialIds Ids { get; } = new();
    public InMemoryProjects Projects { get; } = new();
    public InMemoryNumbers Numbers { get; } = new();
    public InMemoryVariantCatalogs Variants { get; } = new();
    public InMemoryApprovals Approvals { get; } = new();
    public InMemoryAuditTrail Audit { get; } = new();
    public InMemoryAccess Access { get; } = new();
    public InMemoryPurchaseIntents Intents { get; } = new();
    public RecordingUnitOfWork UnitOfWork { get; } = new();
    public FakeTelephony Telephony { get; } = new();
    public InMemoryProjectChoices Choices { get; } = new();
    public FakeCustomerAccounts CustomerAccounts { get; } = new();
    public CountingApprovalSignal ApprovalSignal { get; } = new();
    public InMemoryTelephonyOperations Operations { get; } = new();
    public TelephonySteps Steps { get; }

    public Project Project { get; }
    public AccessControl AccessControl { get; }

    private readonly ProjectGate _gate;
    private readonly AuditLog _log;
    private readonly VariantEditing _editing;
    private readonly AccessChanges _accessChanges;
    private readonly ApprovalPolicy _policy;
    private readonly ApprovalLedger _ledger;
    private readonly ApprovalRelease _release;
    private int _clicks;

    public DomainWorld(
        TelephonyIntegration integration = TelephonyIntegration.PlatformPool, ApprovalPolicy? policy = null, AccessDefaults? defaults = null)
    {
        _policy = policy ?? ApprovalPolicy.Default;
        Project = AddProject("acme", "Acme Support", integration);
        Access.Save(new UserAccess(Grace.User, "Grace", Role.Admin, AccessLevel.None, AccessLevel.None));
        Access.Save(new UserAccess(Mel.User, "Mel", Role.Member, AccessLevel.Edit, AccessLevel.Edit));
        Access.Save(new UserAccess(Rita.User, "Rita", Role.Member, AccessLevel.Read, AccessLevel.Read));
        Access.Save(new UserAccess(Nora.User, "Nora", Role.Member, AccessLevel.None, AccessLevel.None));
        AccessControl = new AccessControl(Access, new BootstrapAdmins([Ada.User]), defaults);
        _gate = new ProjectGate(Projects, AccessControl);
        _log = new AuditLog(Audit, Clock, Ids);
        _editing = new VariantEditing(_gate, Variants, UnitOfWork, _log);
        _ledger = new ApprovalLedger(Approvals, _log, UnitOfWork, ApprovalSignal, Clock);
        Steps = new TelephonySteps(Operations, Numbers, Projects, Telephony, UnitOfWork, _log, _ledger, ApprovalSignal, TelephonyWorkPolicy.Default, Clock, Ids);
        _release = new ApprovalRelease(Approvals, Steps, UnitOfWork, _log, ApprovalSignal);
        _accessChanges = new AccessChanges(AccessControl, Access, UnitOfWork, _log);
    }

    public static SipAddresses SipOf(string environment) =>
        new($"sip:{environment}@acme.voice.example.com", $"sip:{environment}-fallback@acme.voice.example.com");

    public Project AddProject(string id, string name, TelephonyIntegration integration = TelephonyIntegration.PlatformPool)
    {
        var project = new Project(id, name, integration, new Dictionary<AgentEnvironment, SipAddresses>
        {
            [AgentEnvironment.Sandbox] = SipOf("sandbox"),
            [AgentEnvironment.PreRelease] = SipOf("prerelease"),
            [AgentEnvironment.Live] = SipOf("live"),
        });
        Projects.Add(project);
        return project;
    }

    /// <summary>A number put straight into storage, for states no action can reach (a project without integration).</summary>
    public ProjectNumber SeedNumber(string projectId, string e164, AgentEnvironment environment)
    {
        var number = new ProjectNumber(Ids.NewId(), projectId, PhoneNumber.ParseE164(e164), environment, NumberSource.Platform,
            "SEEDED", simulated: false, variantId: null, Clock.GetUtcNow(), Ada.User.Key);
        Numbers.Add(number);
        return number;
    }

    public string NextRequestKey() => $"click-{++_clicks}";

    // The handlers, as the host would wire them.
    public Task<NumbersPage> Handle(ShowNumbers c) => new ShowNumbersHandler(_gate, Numbers, Variants, Approvals, Clock).HandleAsync(c, Ct);
    public Task<NumberAdded> Handle(AddNumber c) =>
        new AddNumberHandler(_gate, Numbers, Variants, Intents, Telephony, Steps, UnitOfWork, _log, Clock, Ids).HandleAsync(c, Ct);
    public Task<NumberConnected> Handle(ConnectNumber c) =>
        new ConnectNumberHandler(_gate, Numbers, Variants, Telephony, Steps, UnitOfWork, _log, Clock, Ids).HandleAsync(c, Ct);
    public Task<VariantReassigned> Handle(ReassignVariant c) => 
        new ReassignVariantHandler(_gate, Numbers, Variants, UnitOfWork, _log, _ledger, ApprovalSignal).HandleAsync(c, Ct);
    public Task<DeleteOutcome> Handle(DeleteNumber c) =>
        new DeleteNumberHandler(_gate, Numbers, Approvals, _ledger, ApprovalSignal, Steps, UnitOfWork, _log, _policy, Clock, Ids).HandleAsync(c, Ct);
    public Task<ApprovalOutcome> Handle(DecideApproval c) =>
        new DecideApprovalHandler(_gate, Numbers, _ledger, _release, Steps, Clock).HandleAsync(c, Ct);
    public Task<ApprovalOutcome> Handle(WithdrawApproval c) => new WithdrawApprovalHandler(_ledger, Clock).HandleAsync(c, Ct);
    public Task<ApprovalOutcome> Handle(RetryRelease c) => new RetryReleaseHandler(_gate, Approvals, Numbers, _release).HandleAsync(c, Ct);
    public Task<ApprovalsExpired> Handle(ExpireApprovals c) =>
        new ExpireApprovalsHandler(Approvals, _ledger, UnitOfWork, ApprovalSignal, Clock).HandleAsync(c, Ct);
    public Task<PendingApprovals> Handle(ListApprovals c) => new ListApprovalsHandler(_gate, Approvals, Clock).HandleAsync(c, Ct);
    public Task<NumberHistory> Handle(ShowHistory c) => new ShowHistoryHandler(_gate, Audit).HandleAsync(c, Ct);
    public Task<VariantCreated> Handle(CreateVariant c) => new CreateVariantHandler(_editing, Ids).HandleAsync(c, Ct);
    public Task<VariantRenamed> Handle(RenameVariant c) => new RenameVariantHandler(_editing).HandleAsync(c, Ct);
    public Task<VariantDeleted> Handle(DeleteVariant c) => new DeleteVariantHandler(_editing).HandleAsync(c, Ct);
    public Task<ProjectPublished> Handle(PublishProject c) => new PublishProjectHandler(_editing, Clock).HandleAsync(c, Ct);
    public Task<VersionPromoted> Handle(PromoteVersion c) => new PromoteVersionHandler(_editing, Clock).HandleAsync(c, Ct);
    public Task<AccessGranted> Handle(GrantAccess c) => new GrantAccessHandler(_accessChanges).HandleAsync(c, Ct);
    public Task<AccessGranted> Handle(RevokeAccess c) => new RevokeAccessHandler(_accessChanges).HandleAsync(c, Ct);
    public Task<AccessList> Handle(ShowAccess c) => new ShowAccessHandler(AccessControl).HandleAsync(c, Ct);
    public Task<VariantsPage> Handle(ShowVariants c) => new ShowVariantsHandler(_gate, Variants, Numbers).HandleAsync(c, Ct);
    public Task<PromotionPreview> Handle(PreviewPromotion c) => new PreviewPromotionHandler(_gate, Variants, Numbers).HandleAsync(c, Ct);
    public Task<ProjectCreated> Handle(CreateProject c) => new CreateProjectHandler(_gate, Administration, Projects, UnitOfWork, _log).HandleAsync(c, Ct);
    public Task<ProjectRenamed> Handle(RenameProject c) => new RenameProjectHandler(Administration).HandleAsync(c, Ct);
    public Task<ProjectArchived> Handle(ArchiveProject c) => new ArchiveProjectHandler(Administration, Numbers).HandleAsync(c, Ct);
    public Task<SipAddressesSet> Handle(SetSipAddresses c) => new SetSipAddressesHandler(Administration, Steps).HandleAsync(c, Ct);
    public Task<TelephonyIntegrationChosen> Handle(ChooseTelephonyIntegration c) =>
        new ChooseTelephonyIntegrationHandler(Administration, Numbers, CustomerAccounts).HandleAsync(c, Ct);
    public Task<ProjectList> Handle(ListProjects c) => new ListProjectsHandler(_gate, Projects).HandleAsync(c, Ct);
    public Task<ProjectChoice> Handle(ChooseProject c) => new ChooseProjectHandler(_gate, Projects, Choices).HandleAsync(c, Ct);
    public Task<ProjectHistory> Handle(ShowProjectHistory c) => new ShowProjectHistoryHandler(_gate, Audit).HandleAsync(c, Ct);
    public Task<AccessHistory> Handle(ShowAccessHistory c) => new ShowAccessHistoryHandler(_gate, Audit).HandleAsync(c, Ct);

    private ProjectAdministration Administration => new(_gate, Projects, UnitOfWork, _log);

    // Short ways to the usual starting points.
    public Task<NumbersPage> Page(Actor? by = null, string? project = null) => Handle(new ShowNumbers(by ?? Ada, project));

    public Task<NumberAdded> Add(
        AgentEnvironment environment, Country country = Country.US, string? areaCode = null, string? variant = null, Actor? by = null, string? key = null) =>
        Handle(new AddNumber(by ?? Ada, Project.Id, environment, country, areaCode, variant, key ?? NextRequestKey()));

    public async Task<ProjectNumber> NumberIn(AgentEnvironment environment, string? variant = null) => (await Add(environment, variant: variant)).Number;

    public async Task<Variant> Draft(string name) => (await Handle(new CreateVariant(Ada, null, name))).Variant;

    /// <summary>Drafts the named variants, then publishes everything to Sandbox.</summary>
    public async Task<PublishedVersion> Publish(params string[] newDrafts)
    {
        foreach (var name in newDrafts) await Draft(name);
        return (await Handle(new PublishProject(Ada, null))).Version;
    }

    /// <summary>Publishes, then promotes as far as <paramref name="environment"/>.</summary>
    public async Task PublishTo(AgentEnvironment environment, params string[] newDrafts)
    {
        await Publish(newDrafts);
        for (var at = AgentEnvironment.Sandbox; at != environment; at = at.PromotesTo()!.Value)
            await Handle(new PromoteVersion(Ada, null, at));
    }

    public Task<DeleteOutcome> Delete(ProjectNumber number, Actor? by = null, bool confirmed = true) =>
        Handle(new DeleteNumber(by ?? Ada, number.Id, confirmed, number.Version));

    /// <summary>A Live number whose deletion <paramref name="by"/> (Mel unless said) asked for.</summary>
    public async Task<ApprovalRequest> LiveDeletionRequested(Actor? by = null)
    {
        var number = await NumberIn(AgentEnvironment.Live);
        return Assert.IsType<DeletionAwaitsApproval>(await Delete(number, by ?? Mel)).Request;
    }

    public Task<ApprovalOutcome> Decide(
        ApprovalRequest request, Actor by, ApprovalDecision decision = ApprovalDecision.Approve, string? reason = null) =>
        Handle(new DecideApproval(by, request.Id, decision, reason));

    public static CancellationToken Ct => CancellationToken.None;
}
