using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NumbersBot.Bot.Tests.Channels.Local;
using Microsoft.Extensions.Time.Testing;
using NumbersBot.Bot.Hosting;
using NumbersBot.Bot.Telephony;
using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Telephony;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Tests.Telephony;

/// <summary>
/// The bot's services as Program.cs wires them, with Telephony:Provider=Twilio pointed at a <see cref="FakeTwilio"/>
/// through Twilio:ApiBaseUrl, and storage in memory. A fresh one per test.
/// </summary>
public sealed class TwilioBot : IAsyncDisposable
{
    public const string PoolAccount = "AC00000000000000000000000000000001";
    public const string PoolToken = "pool-token";
    public const string CustomerAccount = "AC00000000000000000000000000000002";
    public const string CustomerToken = "customer-token";
    public const string BundleSid = "BU00000000000000000000000000000001";
    public const string AddressSid = "AD00000000000000000000000000000001";
    public const string ProjectId = "acme";

    public static readonly Actor Alice = new(UserRef.Local("alice"), "Alice");

    public static IReadOnlyDictionary<AgentEnvironment, SipAddresses> Sip { get; } = new Dictionary<AgentEnvironment, SipAddresses>
    {
        [AgentEnvironment.Sandbox] = new("sip:sandbox@acme.voice.example.com", "sip:sandbox-fallback@acme.voice.example.com"),
        [AgentEnvironment.PreRelease] = new("sip:prerelease@acme.voice.example.com", "sip:prerelease-fallback@acme.voice.example.com"),
        [AgentEnvironment.Live] = new("sip:live@acme.voice.example.com", "sip:live-fallback@acme.voice.example.com"),
    };

    private readonly ServiceProvider _services;
    private readonly AsyncServiceScope _scope;

    private TwilioBot(FakeTwilio twilio, FakeTimeProvider clock, ServiceProvider services, CollectedLogs logs)
    {
        Twilio = twilio;
        Clock = clock;
        Logs = logs;
        _services = services;
        _scope = services.CreateAsyncScope();
    }

    public FakeTwilio Twilio { get; }
    public FakeTimeProvider Clock { get; }
    /// <summary>Everything the bot logged, as an operator would read it.</summary>
    public CollectedLogs Logs { get; }
    public InMemoryNumbers Numbers => (InMemoryNumbers)Get<INumberRepository>();
    public InMemoryPurchaseIntents Intents => (InMemoryPurchaseIntents)Get<IPurchaseIntentRepository>();
    public InMemoryAuditTrail Audit => (InMemoryAuditTrail)Get<IAuditTrail>();
    public ITelephonyProvider Telephony => Get<ITelephonyProvider>();

    public T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>Settings beyond the defaults; a null value removes a default.</summary>
    public static async Task<TwilioBot> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var twilio = await FakeTwilio.StartAsync();
        twilio.Account(PoolAccount, PoolToken);
        twilio.Account(CustomerAccount, CustomerToken);
        var configuration = Configuration(twilio.BaseUrl, settings);
        return Build(twilio, configuration);
    }

    public static IConfiguration Configuration(Uri apiBaseUrl, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Telephony:Provider"] = "Twilio",
            ["Access:Admins:0"] = Alice.User.Key,
            ["Twilio:AccountSid"] = PoolAccount,
            ["Twilio:AuthToken"] = PoolToken,
            ["Twilio:ApiBaseUrl"] = apiBaseUrl.ToString(),
            ["Twilio:Regulatory:GB:BundleSid"] = BundleSid,
            ["Twilio:Regulatory:GB:AddressSid"] = AddressSid,
            [$"Twilio:Customers:{ProjectId}:AccountSid"] = CustomerAccount,
            [$"Twilio:Customers:{ProjectId}:AuthToken"] = CustomerToken,
            ["Twilio:RetryDelayMilliseconds"] = "1",
            ["Twilio:TimeoutSeconds"] = "30", // generous: only the tests about timeouts shorten it
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null) values.Remove(key);
            else values[key] = value;
        }
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static TwilioBot Build(FakeTwilio twilio, IConfiguration configuration)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        var logs = new CollectedLogs();
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddDomain(configuration);
        services.AddSingleton<TimeProvider>(clock); // after AddDomain, so it wins over the system clock
        services.AddTelephony(configuration);
        var project = new Project(ProjectId, "Acme", TelephonyIntegration.PlatformPool, Sip);
        services.AddSingleton<INumberRepository, InMemoryNumbers>();
        services.AddSingleton<IPurchaseIntentRepository, InMemoryPurchaseIntents>();
        services.AddSingleton<ITelephonyOperationRepository, InMemoryTelephonyOperations>();
        services.AddSingleton<IAuditTrail, InMemoryAuditTrail>();
        // What the drift check needs besides: approvals to void, places to report to, its notices and its lease.
        services.AddSingleton<Domain.Approvals.IApprovalRepository, InMemoryApprovals>();
        services.AddSingleton<Domain.Approvals.IApprovalSignal, CountingApprovalSignal>();
        services.AddSingleton<IDriftNoticeStore, InMemoryDriftNotices>();
        services.AddSingleton<IJobLeases, InMemoryJobLeases>();
        var channels = new RecordingChannels();
        services.AddSingleton(channels);
        services.AddSingleton<NumbersBot.Bot.Conversation.IReplyChannel>(channels.Teams);
        services.AddSingleton<NumbersBot.Bot.Conversation.IReplyChannel>(channels.Slack);
        services.AddSingleton<IProjectRepository>(new InMemoryProjects(project));
        services.AddSingleton<IVariantCatalogRepository, InMemoryVariantCatalogs>();
        services.AddSingleton<IAccessRepository, InMemoryAccess>();
        services.AddSingleton<IUnitOfWork, RecordingUnitOfWork>();
        return new TwilioBot(twilio, clock, services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }), logs);
    }

    /// <summary>Alice clicks Add number on a card whose action carries <paramref name="requestKey"/>.</summary>
    public Task<NumberAdded> AddAsync(Country country, string? areaCode = null, string requestKey = "card-1",
        AgentEnvironment environment = AgentEnvironment.Sandbox) =>
        Get<AddNumberHandler>().HandleAsync(new AddNumber(Alice, ProjectId, environment, country, areaCode, null, requestKey), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _services.DisposeAsync();
        await Twilio.DisposeAsync();
        Twilio.AssertEveryRequestWasValid();
    }
}
