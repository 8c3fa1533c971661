using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Conversation.Deferred;
using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Persistence;

public static class PersistenceServices
{
    /// <summary>The repositories and the unit of work, all sharing one <see cref="DbSession"/> per scope.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, DatabaseOptions options)
    {
        StoredTypes.Register();
        services.AddSingleton(options);
        services.AddSingleton(SqlDialect.For(options.Provider));
        services.AddSingleton<ConnectionSource>();
        services.AddSingleton<KeptReads>();
        services.AddScoped<DbSession>();
        services.AddScoped<IUnitOfWork>(provider => provider.GetRequiredService<DbSession>());
        services.AddScoped<IProjectRepository, SqlProjectRepository>();
        services.AddScoped<INumberRepository, SqlNumberRepository>();
        services.AddScoped<IPurchaseIntentRepository, SqlPurchaseIntentRepository>();
        services.AddScoped<Domain.Telephony.ITelephonyOperationRepository, SqlTelephonyOperationRepository>();
        services.AddScoped<IVariantCatalogRepository, SqlVariantCatalogRepository>();
        services.AddScoped<IApprovalRepository, SqlApprovalRepository>();
        services.AddScoped<IAuditTrail, SqlAuditTrail>();
        services.AddScoped<IAccessRepository, SqlAccessRepository>();
        // One per host: concurrent deliveries from every scope are gathered into shared commits.
        services.AddSingleton<SqlDeliveryLog>();
        services.AddSingleton<IDeliveryLog>(provider => provider.GetRequiredService<SqlDeliveryLog>());
        services.AddScoped<ConversationsTable>();
        services.AddScoped<Channels.Local.ILocalReplyStore, SqlLocalReplyStore>();
        services.AddScoped<Channels.Teams.ITeamsConversationReferenceStore, SqlTeamsConversationReferenceStore>();
        services.AddScoped<Channels.Teams.ITrustedServiceUrlStore, SqlTrustedServiceUrlStore>();
        services.AddScoped<IDeferredReplyQueue, SqlDeferredReplyQueue>();
        services.AddScoped<Channels.Slack.ISlackOutboxStore, SqlSlackOutbox>();
        services.AddScoped<IProjectChoices, SqlProjectChoices>();
        services.AddScoped<IRetentionStore, SqlRetention>();
        services.AddScoped<Approvals.IApprovalCopyStore, SqlApprovalCopyStore>();
        services.AddScoped<Telephony.IDriftNoticeStore, SqlDriftNoticeStore>();
        services.AddScoped<Telephony.IJobLeases, SqlJobLeases>();
        services.AddScoped<SqlBacklog>();
        services.AddScoped<Domain.Actions.IGateReads, SqlGateReads>();
        return services;
    }
}
