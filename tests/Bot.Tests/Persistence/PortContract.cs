using NumbersBot.Bot.Approvals;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>
/// What the storage ports promise, written once and run against every database (<see cref="RepositorySuite"/>) and against
/// the in-memory fakes the other tests use (InMemoryPortTests), so a fake cannot quietly promise less. Every test gets
/// fresh, empty storage.
/// </summary>
public abstract partial class PortContract : IAsyncLifetime
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>Whole microseconds, the finest PostgreSQL keeps.</summary>
    protected static readonly DateTimeOffset Now = new DateTimeOffset(2025, 3, 4, 10, 30, 15, TimeSpan.Zero).AddTicks(1_234_560);

    protected static readonly Actor Alice = new(UserRef.Local("alice"), "Alice");
    protected static readonly UserAccess Bob = new(UserRef.Local("bob"), "Bob", Role.Admin, AccessLevel.Edit, AccessLevel.Edit);
    protected static readonly UserAccess Carol = new(UserRef.Slack("T1", "U2"), "Carol", Role.Admin, AccessLevel.Edit, AccessLevel.Edit);

    private ServiceProvider? _services;

    /// <summary>What repositories that stamp times themselves (deliveries, conversations, choices) read.</summary>
    protected Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(Now);

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection().AddSingleton<TimeProvider>(Clock);
        await AddStorageAsync(services);
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Registers the ports under test, on storage made for this test alone.</summary>
    protected abstract Task AddStorageAsync(IServiceCollection services);

    public virtual async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
    }

    /// <summary>One request on one bot instance: its own DI scope, so its own connection.</summary>
    protected BotInstance NewInstance() => new(_services!.CreateAsyncScope());

    protected sealed class BotInstance(AsyncServiceScope scope) : IAsyncDisposable
    {
        public IProjectRepository Projects => Get<IProjectRepository>();
        public INumberRepository Numbers => Get<INumberRepository>();
        public IPurchaseIntentRepository Intents => Get<IPurchaseIntentRepository>();
        public IVariantCatalogRepository Variants => Get<IVariantCatalogRepository>();
        public IApprovalRepository Approvals => Get<IApprovalRepository>();
        public IAuditTrail Audit => Get<IAuditTrail>();
        public IAccessRepository Access => Get<IAccessRepository>();
        public IProjectChoices Choices => Get<IProjectChoices>();
        public NumbersBot.Bot.Persistence.IRetentionStore Retention => Get<NumbersBot.Bot.Persistence.IRetentionStore>();
        public NumbersBot.Bot.Conversation.IDeliveryLog Deliveries => Get<NumbersBot.Bot.Conversation.IDeliveryLog>();
        public NumbersBot.Bot.Channels.Local.ILocalReplyStore LocalReplies => Get<NumbersBot.Bot.Channels.Local.ILocalReplyStore>();
        public NumbersBot.Bot.Channels.Teams.ITeamsConversationReferenceStore TeamsConversations =>
            Get<NumbersBot.Bot.Channels.Teams.ITeamsConversationReferenceStore>();
        public NumbersBot.Bot.Channels.Teams.ITrustedServiceUrlStore TrustedServiceUrls => Get<NumbersBot.Bot.Channels.Teams.ITrustedServiceUrlStore>();
        public NumbersBot.Bot.Conversation.Deferred.IDeferredReplyQueue DeferredReplies => Get<NumbersBot.Bot.Conversation.Deferred.IDeferredReplyQueue>();
        public IApprovalCopyStore Copies => Get<IApprovalCopyStore>();
        public NumbersBot.Bot.Telephony.IDriftNoticeStore DriftNotices => Get<NumbersBot.Bot.Telephony.IDriftNoticeStore>();
        public NumbersBot.Bot.Telephony.IJobLeases Leases => Get<NumbersBot.Bot.Telephony.IJobLeases>();
        public Domain.Telephony.ITelephonyOperationRepository Operations => Get<Domain.Telephony.ITelephonyOperationRepository>();

        public Task<IWork> BeginAsync() => Get<IUnitOfWork>().BeginAsync(Ct);

        public ValueTask DisposeAsync() => scope.DisposeAsync();

        public T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();
    }

    protected static Project NewProject(string id, string name, TelephonyIntegration integration = TelephonyIntegration.PlatformPool)
    {
        var host = $"{new string(id.Where(char.IsAsciiLetterOrDigit).ToArray())}.voice.example.com";
        return new(id, name, integration, AgentEnvironments.All.ToDictionary(
            e => e,
            e => new SipAddresses($"sip:{e.ToString().ToLowerInvariant()}@{host}", $"sip:{e.ToString().ToLowerInvariant()}-fallback@{host}")));
    }

    protected static ProjectNumber NewNumber(
        string e164, string projectId = "alpha", AgentEnvironment environment = AgentEnvironment.Live, string? variantId = "v-london") =>
        new(Guid.NewGuid(), projectId, PhoneNumber.ParseE164(e164), environment, NumberSource.Twilio, $"PN{e164[1..]}",
            simulated: true, variantId, Now.AddMinutes(-5), "local:alice");

    protected async Task<ProjectNumber> StoredNumberAsync(string e164, string projectId = "alpha")
    {
        await using var bot = NewInstance();
        var number = NewNumber(e164, projectId);
        await bot.Numbers.AddAsync(number, Ct);
        return number;
    }

    protected static ApprovalRequest NewApproval(ProjectNumber number, DateTimeOffset? at = null) =>
        ApprovalRequest.ToDelete(Guid.NewGuid(), number, Alice, at ?? Now, ApprovalPolicy.Default);

    protected static AuditEntry NewEntry(DateTimeOffset at, string action, string? projectId = "alpha", string? number = "+14155550100") =>
        new(Guid.NewGuid(), at, Alice.User.Key, Alice.DisplayName, Alice.Channel, action, projectId, number, AgentEnvironment.Live,
            "before", "after");

    protected static PurchaseIntent NewIntent(string key, DateTimeOffset? at = null) =>
        new(key, "alpha", AgentEnvironment.Sandbox, Country.US, "415", "v-london", "local:alice", at ?? Now);
}
