using NumbersBot.Bot.Conversation;
using NumbersBot.Domain;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Cards.Views;

public sealed record Fact(string Title, string Value);

/// <summary>A finished action: what changed, by whom, when. Style: good, attention, or accent for work in progress.</summary>
public sealed record ResultView(ProjectRef? Project, string Title, string Text, IReadOnlyList<Fact> Facts, string Style);

/// <summary>
/// A refusal in plain words. Kind: invalid, notFound, conflict, forbidden, noIntegration, providerFailed. With a project,
/// the card leads to its settings, where what was missing is set.
/// </summary>
public sealed record ErrorView(string Title, string Message, string Kind, ProjectRef? Project)
{
    public static ErrorView From(DomainException refusal, ProjectRef? project) => new(
        refusal.Kind switch
        {
            RefusalKind.Forbidden => "Not allowed",
            RefusalKind.NoIntegration => "No telephony integration",
            RefusalKind.NotFound => "Not found",
            RefusalKind.Conflict => "Already changed",
            RefusalKind.ProviderFailed => "The telephony provider said no",
            RefusalKind.OutcomeUnknown => "Still being checked",
            _ => "That did not work",
        },
        refusal.Message,
        char.ToLowerInvariant(refusal.Kind.ToString()[0]) + refusal.Kind.ToString()[1..],
        project);
}

/// <summary>Who looks at an approval card, which decides its buttons.</summary>
public enum ApprovalAudience
{
    /// <summary>Anyone who may not act on it: the status only.</summary>
    Onlooker,
    /// <summary>Someone who may decide it: Approve / Deny while pending, Retry release when the release failed.</summary>
    Approver,
    /// <summary>The person who asked: the status, and Withdraw while pending.</summary>
    Requester,
}

/// <summary>
/// One request to delete a Live number, as a card. A decided request keeps no question in its title and no buttons,
/// except "Retry release" for an approver when the provider refused the release.
/// </summary>
public sealed record ApprovalView(
    string Id, string ProjectId, string Number, string Environment, string RequestedBy, string RequestedAt, string ExpiresAt,
    string Title, string Status, string Outcome, bool IsPending, bool MayDecide, bool MayWithdraw, bool MayRetryRelease, Notice? Notice,
    string? Origin = null)
{
    public static ApprovalView From(ApprovalRequest request, ApprovalAudience audience, Notice? notice = null)
    {
        var number = Domain.Numbers.PhoneNumber.Parse(request.Number).Display;
        return new ApprovalView(
            request.Id.ToString(), request.ProjectId, number, request.Environment.DisplayName(),
            request.RequestedByName, Time(request.RequestedAt), Time(request.ExpiresAt),
            request.IsPending ? $"Delete Live number {number}?" : $"Deleting Live number {number}: {StatusOf(request).ToLowerInvariant()}",
            StatusOf(request), request.Outcome, request.IsPending,
            MayDecide: audience == ApprovalAudience.Approver && request.IsPending,
            MayWithdraw: audience == ApprovalAudience.Requester && request.IsPending,
            MayRetryRelease: audience == ApprovalAudience.Approver && request.AwaitsRelease,
            notice);
    }

    private static string StatusOf(ApprovalRequest request) => request.Status switch
    {
        ApprovalStatus.Pending => "Waiting for approval",
        ApprovalStatus.Approved when request.AwaitsRelease => "Approved; release failed",
        ApprovalStatus.Voided => "Void",
        var status => status.ToString(),
    };

    internal static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'");
}

public sealed record ApprovalsView(int Count, IReadOnlyList<ApprovalView> Requests, Notice? Notice = null)
{
    /// <summary>Marks the list's buttons, so a decision made from the list answers with the list.</summary>
    public const string FromList = "list";

    public static ApprovalsView From(PendingApprovals pending, Notice? notice = null) => new(
        pending.Requests.Count,
        pending.Requests.Select(r => ApprovalView.From(r, pending.ViewerMayDecide(r) ? ApprovalAudience.Approver
            : r.RequestedBy == pending.Viewer.User ? ApprovalAudience.Requester : ApprovalAudience.Onlooker) with { Origin = FromList }).ToList(),
        notice);
}

public sealed record HistoryEntryView(string At, string Who, string Channel, string Action, string? Before, string? After);

/// <summary>A stretch of the audit trail: one number's (oldest first), a project's or access changes (newest first).</summary>
public sealed record HistoryView(string Title, string Empty, int Count, IReadOnlyList<HistoryEntryView> Entries)
{
    public static HistoryView From(NumberHistory history) => new(
        $"History of {history.Number.Display}", "Nothing has happened to this number through NumbersBot.", history.Entries.Count,
        history.Entries.Select(e => Entry(e, withNumber: false)).ToList());

    public static HistoryView From(ProjectHistory history) => new(
        $"History of {history.Project.Name}", "Nothing has happened in this project through NumbersBot yet.", history.Entries.Count,
        history.Entries.Select(e => Entry(e, withNumber: true)).ToList());

    public static HistoryView From(AccessHistory history) => new(
        "Access changes", "Nobody has been granted access through NumbersBot yet.", history.Entries.Count,
        history.Entries.Select(e => Entry(e, withNumber: false)).ToList());

    private static HistoryEntryView Entry(AuditEntry e, bool withNumber) => new(
        ApprovalView.Time(e.At), e.ActorName, e.Channel.ToString(),
        withNumber && e.Number is { } number ? $"{Describe(e.Action)} · {Display(number)}" : Describe(e.Action), e.Before, e.After);

    private static string Display(string e164)
    {
        try
        {
            return PhoneNumber.ParseE164(e164).Display;
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
        _ => action,
    };
}

public sealed record CommandHelp(string Usage, string Text);

public sealed record HelpView(string? Unknown, IReadOnlyList<CommandHelp> Commands)
{
    /// <summary>Every declared verb with a help line, in declaration order.</summary>
    public static HelpView For(string? unknown) => new(unknown, [.. Verbs.Declared.Select(v => v.Help).OfType<CommandHelp>()]);
}
