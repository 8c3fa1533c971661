using NumbersBot.Domain.Access;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Domain.Audit;

/// <summary>
/// One change, as it happened: who, through which channel (as <see cref="UserRef.Channel"/> names it), when, and what before
/// and after.
/// </summary>
public sealed record AuditEntry(
    Guid Id,
    DateTimeOffset At,
    string ActorKey,
    string ActorName,
    string Channel,
    string Action,
    string? ProjectId,
    string? Number,
    AgentEnvironment? Environment,
    string? Before,
    string? After);

/// <summary>The action names stored in the trail; stable, since history reads them back.</summary>
public static class AuditActions
{
    public const string NumberAdded = "number.added";
    public const string NumberConnected = "number.connected";
    /// <summary>The provider refused a purchase someone asked for; nothing was bought.</summary>
    public const string NumberAddFailed = "number.add_failed";
    /// <summary>The provider could not be asked about a number someone wanted to connect.</summary>
    public const string NumberConnectFailed = "number.connect_failed";
    public const string VariantReassigned = "number.variant_reassigned";
    public const string NumberDeleted = "number.deleted";
    public const string DeletionRequested = "number.deletion_requested";
    public const string ApprovalApproved = "approval.approved";
    public const string ApprovalDenied = "approval.denied";
    public const string ApprovalExpired = "approval.expired";
    public const string ApprovalVoided = "approval.voided";
    public const string ApprovalWithdrawn = "approval.withdrawn";
    public const string ReleaseFailed = "approval.release_failed";
    public const string VariantCreated = "variant.created";
    public const string VariantRenamed = "variant.renamed";
    public const string VariantDeleted = "variant.deleted";
    public const string ProjectPublished = "project.published";
    public const string VersionPromoted = "project.promoted";
    public const string AccessGranted = "access.granted";
    public const string ProjectCreated = "project.created";
    public const string ProjectRenamed = "project.renamed";
    public const string ProjectArchived = "project.archived";
    public const string SipChanged = "project.sip_changed";
    public const string IntegrationChosen = "project.integration_chosen";
    public const string AccessRevoked = "access.revoked";
}

/// <summary>Append-only: entries are added and read, never changed or removed.</summary>
public interface IAuditTrail
{
    Task AppendAsync(AuditEntry entry, CancellationToken ct);

    /// <summary>A number's history, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ForNumberAsync(string e164, CancellationToken ct);

    /// <summary>The most recent entries of a project, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ForProjectAsync(string projectId, int limit, CancellationToken ct);

    /// <summary>The most recent entries that belong to no project (access changes), newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> OutsideProjectsAsync(int limit, CancellationToken ct);
}
