using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NumbersBot.Bot.Hosting;

namespace NumbersBot.Domain.Tests;

/// <summary>
/// One project with SIP addresses, five people and the real handlers, registered as the host registers them (AddDomain), over
/// in-memory fakes, a fake clock and sequential ids: a fresh world per test, so every test states only what it is about.
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
    public InMemoryNumbers Numbers { get; }
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
    public TelephonySteps Steps => Get<TelephonySteps>();

    public Project Project { get; }
    public AccessControl AccessControl => Get<AccessControl>();

    private readonly IServiceProvider _services;
    private int _clicks;

    public DomainWorld(
        TelephonyIntegration integration = TelephonyIntegration.PlatformPool, ApprovalPolicy? policy = null, AccessDefaults? defaults = null)
    {
        Numbers = new(Projects);
        Project = AddProject("acme", "Acme Support", integration);
        Access.Save(new UserAccess(Grace.User, "Grace", Role.Admin, AccessLevel.None, AccessLevel.None));
        Access.Save(new UserAccess(Mel.User, "Mel", Role.Member, AccessLevel.Edit, AccessLevel.Edit));
        Access.Save(new UserAccess(Rita.User, "Rita", Role.Member, AccessLevel.Read, AccessLevel.Read));
        Access.Save(new UserAccess(Nora.User, "Nora", Role.Member, AccessLevel.None, AccessLevel.None));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Access:Admins:0"] = Ada.User.Key }).Build();
        var services = new ServiceCollection().AddDomain(configuration);
        // After AddDomain, so these win over what it registers from configuration.
        services.AddSingleton<TimeProvider>(Clock).AddSingleton<IIdSource>(Ids);
        if (policy is not null) services.AddSingleton(policy);
        if (defaults is not null) services.AddSingleton(defaults);
        services.AddSingleton<IProjectRepository>(Projects).AddSingleton<INumberRepository>(Numbers).AddSingleton<IVariantCatalogRepository>(Variants)
            .AddSingleton<IApprovalRepository>(Approvals).AddSingleton<IAuditTrail>(Audit).AddSingleton<IAccessRepository>(Access)
            .AddSingleton<IPurchaseIntentRepository>(Intents).AddSingleton<IUnitOfWork>(UnitOfWork).AddSingleton<ITelephonyProvider>(Telephony)
            .AddSingleton<IProjectChoices>(Choices).AddSingleton<ICustomerTelephonyAccounts>(CustomerAccounts)
            .AddSingleton<IApprovalSignal>(ApprovalSignal).AddSingleton<ITelephonyOperationRepository>(Operations);
        // One scope for the whole world: one bot instance serving one test.
        _services = services.BuildServiceProvider(validateScopes: true).CreateScope().ServiceProvider;
    }

    private T Get<T>() where T : notnull => _services.GetRequiredService<T>();

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

    /// <summary>Another request changes an environment's SIP addresses (stored only: nothing is re-routed).</summary>
    public async Task MoveSip(AgentEnvironment environment, SipAddresses to)
    {
        var project = (await Projects.FindAsync(Project.Id, Ct))!;
        project.SetSip(environment, to);
        await Projects.SaveAsync(project, Ct);
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

    // The handlers, as the host registers them.
    public Task<NumbersPage> Handle(ShowNumbers c) => Get<ShowNumbersHandler>().HandleAsync(c, Ct);
    public Task<NumberAdded> Handle(AddNumber c) => Get<AddNumberHandler>().HandleAsync(c, Ct);
    public Task<PurchaseSettled> Handle(SettlePurchase c) => Get<SettlePurchaseHandler>().HandleAsync(c, Ct);
    public Task<NumberConnected> Handle(ConnectNumber c) => Get<ConnectNumberHandler>().HandleAsync(c, Ct);
    public Task<VariantReassigned> Handle(ReassignVariant c) => Get<ReassignVariantHandler>().HandleAsync(c, Ct);
    public Task<DeleteOutcome> Handle(DeleteNumber c) => Get<DeleteNumberHandler>().HandleAsync(c, Ct);
    public Task<ApprovalOutcome> Handle(DecideApproval c) => Get<DecideApprovalHandler>().HandleAsync(c, Ct);
    public Task<ApprovalOutcome> Handle(WithdrawApproval c) => Get<WithdrawApprovalHandler>().HandleAsync(c, Ct);
    public Task<ApprovalOutcome> Handle(RetryRelease c) => Get<RetryReleaseHandler>().HandleAsync(c, Ct);
    public Task<ApprovalsExpired> Handle(ExpireApprovals c) => Get<ExpireApprovalsHandler>().HandleAsync(c, Ct);
    public Task<PendingApprovals> Handle(ListApprovals c) => Get<ListApprovalsHandler>().HandleAsync(c, Ct);
    public Task<NumberHistory> Handle(ShowHistory c) => Get<ShowHistoryHandler>().HandleAsync(c, Ct);
    public Task<VariantCreated> Handle(CreateVariant c) => Get<CreateVariantHandler>().HandleAsync(c, Ct);
    public Task<VariantRenamed> Handle(RenameVariant c) => Get<RenameVariantHandler>().HandleAsync(c, Ct);
    public Task<VariantDeleted> Handle(DeleteVariant c) => Get<DeleteVariantHandler>().HandleAsync(c, Ct);
    public Task<ProjectPublished> Handle(PublishProject c) => Get<PublishProjectHandler>().HandleAsync(c, Ct);
    public Task<VersionPromoted> Handle(PromoteVersion c) => Get<PromoteVersionHandler>().HandleAsync(c, Ct);
    public Task<AccessGranted> Handle(GrantAccess c) => Get<GrantAccessHandler>().HandleAsync(c, Ct);
    public Task<AccessGranted> Handle(RevokeAccess c) => Get<RevokeAccessHandler>().HandleAsync(c, Ct);
    public Task<AccessList> Handle(ShowAccess c) => Get<ShowAccessHandler>().HandleAsync(c, Ct);
    public Task<VariantsPage> Handle(ShowVariants c) => Get<ShowVariantsHandler>().HandleAsync(c, Ct);
    public Task<PromotionPreview> Handle(PreviewPromotion c) => Get<PreviewPromotionHandler>().HandleAsync(c, Ct);
    public Task<ProjectCreated> Handle(CreateProject c) => Get<CreateProjectHandler>().HandleAsync(c, Ct);
    public Task<ProjectRenamed> Handle(RenameProject c) => Get<RenameProjectHandler>().HandleAsync(c, Ct);
    public Task<ProjectArchived> Handle(ArchiveProject c) => Get<ArchiveProjectHandler>().HandleAsync(c, Ct);
    public Task<SipAddressesSet> Handle(SetSipAddresses c) => Get<SetSipAddressesHandler>().HandleAsync(c, Ct);
    public Task<TelephonyIntegrationChosen> Handle(ChooseTelephonyIntegration c) => Get<ChooseTelephonyIntegrationHandler>().HandleAsync(c, Ct);
    public Task<ProjectList> Handle(ListProjects c) => Get<ListProjectsHandler>().HandleAsync(c, Ct);
    public Task<ProjectChoice> Handle(ChooseProject c) => Get<ChooseProjectHandler>().HandleAsync(c, Ct);
    public Task<ProjectHistory> Handle(ShowProjectHistory c) => Get<ShowProjectHistoryHandler>().HandleAsync(c, Ct);
    public Task<AccessHistory> Handle(ShowAccessHistory c) => Get<ShowAccessHistoryHandler>().HandleAsync(c, Ct);

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
