using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Channels.Local;
using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Bot.Telephony;
using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Telephony;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Tests.Persistence;

// The repository suite, once per database.

public sealed class SqliteRepositoryTests() : RepositorySuite(new SqliteTestDatabase());

public sealed class PostgresRepositoryTests() : RepositorySuite(new PostgresTestDatabase());

public sealed class SqlServerRepositoryTests() : RepositorySuite(new SqlServerTestDatabase());

/// <summary>The in-memory fakes every other test stands on, held to the same promises.</summary>
public sealed class InMemoryPortTests : PortContract
{
    protected override Task AddStorageAsync(IServiceCollection services)
    {
        services.AddSingleton<IProjectRepository>(new InMemoryProjects());
        services.AddSingleton<INumberRepository, InMemoryNumbers>();
        services.AddSingleton<IPurchaseIntentRepository, InMemoryPurchaseIntents>();
        services.AddSingleton<IVariantCatalogRepository, InMemoryVariantCatalogs>();
        services.AddSingleton<IApprovalRepository, InMemoryApprovals>();
        services.AddSingleton<IAuditTrail, InMemoryAuditTrail>();
        services.AddSingleton<IAccessRepository, InMemoryAccess>();
        services.AddSingleton<IProjectChoices, InMemoryProjectChoices>();
        services.AddSingleton<ITelephonyOperationRepository, InMemoryTelephonyOperations>();
        services.AddSingleton<IDriftNoticeStore, InMemoryDriftNotices>();
        services.AddSingleton<IJobLeases, InMemoryJobLeases>();
        services.AddSingleton<ILocalReplyStore, InMemoryLocalReplies>();
        services.AddSingleton<ITeamsConversationReferenceStore, InMemoryTeamsConversationReferences>();
        services.AddSingleton<ITrustedServiceUrlStore, InMemoryTrustedServiceUrls>();
        services.AddSingleton<IUnitOfWork, RecordingUnitOfWork>();
        return Task.CompletedTask;
    }
}
