using NumbersBot.Domain;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Cards.Views;

/// <summary>
/// A stretch of the audit trail: one number's (oldest first), a project's or access changes (newest first); each time in
/// the viewer's zone with UTC beside it.
/// </summary>
public sealed record HistoryView(string Title, string Empty, int Count, IReadOnlyList<HistoryEntryView> Entries, RecentCallsView? Traffic = null)
{
    /// <param name="traffic">The number's recent calls, when a project still holds it.</param>
    public static HistoryView From(NumberHistory history, ViewerTime time, RecentCallsView? traffic = null) => new(
        $"History of {history.Number.Display}", "Nothing has happened to this number through NumbersBot.", history.Entries.Count,
        history.Entries.Select(e => Entry(e, withNumber: false, time)).ToList(), traffic);

    public static HistoryView From(ProjectHistory history, ViewerTime time) => new(
        $"History of {history.Project.Name}", "Nothing has happened in this project through NumbersBot yet.", history.Entries.Count,
        history.Entries.Select(e => Entry(e, withNumber: true, time)).ToList());

    public static HistoryView From(AccessHistory history, ViewerTime time) => new(
        "Access changes", "Nobody has been granted access through NumbersBot yet.", history.Entries.Count,
        history.Entries.Select(e => Entry(e, withNumber: false, time)).ToList());

    private static HistoryEntryView Entry(AuditEntry e, bool withNumber, ViewerTime time) => new(
        time.Format(e.At), e.ActorName, ChannelLabel(e.Channel),
        withNumber && e.Number is { } number ? $"{Describe(e.Action)} · {Display(number)}" : Describe(e.Action), e.Before, e.After);

    private static string ChannelLabel(string channel) => channel.Length == 0 ? channel : char.ToUpperInvariant(channel[0]) + channel[1..];

    private static string Display(string e164)
    {
        try
        {
            return PhoneNumber.FromStored(e164).Display;
        }
        catch (DomainException)
        {
            return e164;
        }
    }

    private static string Describe(string action) => action switch
    {
        AuditActions.NumberAdded => "Number added",
        AuditActions.NumberConnected => "Twilio number connected",
        AuditActions.NumberAddFailed => "Purchase failed",
        AuditActions.NumberConnectFailed => "Connect failed",
        AuditActions.VariantReassigned => "Variant reassigned",
        AuditActions.NumberDeleted => "Number deleted",
        AuditActions.DeletionRequested => "Deletion requested",
        AuditActions.ApprovalApproved => "Deletion approved",
        AuditActions.ApprovalDenied => "Deletion denied",
        AuditActions.ApprovalExpired => "Approval expired",
        AuditActions.ApprovalVoided => "Approval voided",
        AuditActions.ApprovalWithdrawn => "Request withdrawn",
        AuditActions.ReleaseFailed => "Release failed",
        AuditActions.VariantCreated => "Variant created",
        AuditActions.VariantRenamed => "Variant renamed",
        AuditActions.VariantDeleted => "Variant deleted",
        AuditActions.ProjectPublished => "Published",
        AuditActions.VersionPromoted => "Promoted",
        AuditActions.AccessGranted => "Access granted",
        AuditActions.AccessRevoked => "Access revoked",
        AuditActions.ProjectCreated => "Project created",
        AuditActions.ProjectRenamed => "Project renamed",
        AuditActions.ProjectArchived => "Project archived",
        AuditActions.SipChanged => "SIP addresses changed",
        AuditActions.IntegrationChosen => "Telephony integration changed",
        TelephonyAudit.Routed => "Routing confirmed",
        TelephonyAudit.RouteWithdrawn => "Routing withdrawn",
        TelephonyAudit.Unreachable => "Not reachable",
        TelephonyAudit.RemovalFailed => "Removal failed",
        TelephonyAudit.Repaired => "Repaired by the drift check",
        TelephonyAudit.Anomaly => "Needs a person (drift check)",
        TelephonyAudit.TestCall => "Test call",
        _ => action,
    };
}
