using NumbersBot.Domain.Access;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Domain.Approvals;

public enum ApprovalStatus
{
    Pending,
    Approved,
    Denied,
    Expired,
    /// <summary>The number changed or went away after the request, so the request no longer says what it meant.</summary>
    Voided,
    /// <summary>The requester took it back before anyone decided.</summary>
    Withdrawn,
}

public enum ApprovalDecision
{
    Approve,
    Deny,
}

/// <summary>How long a request for a second person's approval stays open.</summary>
public sealed record ApprovalPolicy(TimeSpan Lifetime)
{
    public static ApprovalPolicy Default { get; } = new(TimeSpan.FromMinutes(60));
}

/// <summary>
/// Deleting a Live number needs a second person: an admin who is not the requester.
/// A request is decided exactly once; deciding it late expires it instead.
/// </summary>
public sealed class ApprovalRequest
{
    public ApprovalRequest(
        Guid id, string projectId, Guid numberId, string number, AgentEnvironment environment, int numberVersion,
        UserRef requestedBy, string requestedByName, DateTimeOffset requestedAt, DateTimeOffset expiresAt,
        ApprovalStatus status = ApprovalStatus.Pending, UserRef? decidedBy = null, string? decidedByName = null,
        DateTimeOffset? decidedAt = null, string? note = null, string? releaseFailure = null)
    {
        Id = id;
        ProjectId = projectId;
        NumberId = numberId;
        Number = number;
        Environment = environment;
        NumberVersion = numberVersion;
        RequestedBy = requestedBy;
        RequestedByName = requestedByName;
        RequestedAt = requestedAt;
        ExpiresAt = expiresAt;
        Status = status;
        DecidedBy = decidedBy;
        DecidedByName = decidedByName;
        DecidedAt = decidedAt;
        Note = note;
        ReleaseFailure = releaseFailure;
    }

    /// <summary>The longest deny reason kept; a reason is a sentence, not an essay.</summary>
    public const int MaxReasonLength = 500;

    public static ApprovalRequest ToDelete(Guid id, ProjectNumber number, Actor requester, DateTimeOffset at, ApprovalPolicy policy) =>
        new(id, number.ProjectId, number.Id, number.Number.E164, number.Environment, number.Version,
            requester.User, requester.DisplayName, at, at + policy.Lifetime);

    public Guid Id { get; }
    public string ProjectId { get; }
    public Guid NumberId { get; }

    /// <summary>E.164, kept so the request still says what it was about after the number is gone.</summary>
    public string Number { get; }

    public AgentEnvironment Environment { get; }

    /// <summary>The number's version when asked; a different version voids the request.</summary>
    public int NumberVersion { get; }

    public UserRef RequestedBy { get; }
    public string RequestedByName { get; }
    public DateTimeOffset RequestedAt { get; }
    public DateTimeOffset ExpiresAt { get; }
    public ApprovalStatus Status { get; private set; }
    public UserRef? DecidedBy { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Why it closed without a decision (expired, void), or the approver's reason for a denial.</summary>
    public string? Note { get; private set; }

    /// <summary>Approved, but the provider refused to release the number: its message, until a retry succeeds.</summary>
    public string? ReleaseFailure { get; private set; }

    public bool IsPending => Status == ApprovalStatus.Pending;

    /// <summary>Approved and the number is still held: someone must retry the release.</summary>
    public bool AwaitsRelease => Status == ApprovalStatus.Approved && ReleaseFailure is not null;

    /// <summary>What a card showing this request must reflect; a copy showing another state is out of date.</summary>
    public string ShownState => AwaitsRelease ? "ReleaseFailed" : Status.ToString();

    public bool IsOverdue(DateTimeOffset now) => IsPending && now >= ExpiresAt;

    /// <summary>Refuses, with the reason, anyone who may not decide this request.</summary>
    public void EnsureCanDecide(UserAccess decider)
    {
        if (decider.User == RequestedBy)
            throw DomainException.Forbidden("You asked for this deletion, so someone else must approve or deny it: a second person is the point.");
        decider.RequireAdmin("approve or deny deleting a Live number");
    }

    /// <param name="reason">A denial's reason, shown on every copy; ignored for an approval.</param>
    public void Decide(ApprovalDecision decision, UserAccess decider, DateTimeOffset at, string? reason = null)
    {
        EnsurePending();
        if (IsOverdue(at))
            throw DomainException.Conflict($"This request expired at {ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC and can no longer be decided.");
        EnsureCanDecide(decider);
        if (decision == ApprovalDecision.Approve)
            Close(ApprovalStatus.Approved, decider.User, decider.DisplayName, at, null);
        else
            Close(ApprovalStatus.Denied, decider.User, decider.DisplayName, at, Reason(reason));
    }

    /// <summary>Only the requester may take a request back, and only while nobody has decided it.</summary>
    public void Withdraw(Actor requester, DateTimeOffset at)
    {
        EnsurePending();
        if (requester.User != RequestedBy)
            throw DomainException.Forbidden($"Only {RequestedByName}, who asked for this deletion, can withdraw it.");
        Close(ApprovalStatus.Withdrawn, requester.User, requester.DisplayName, at, null);
    }

    public void ReleaseFailed(string providerMessage)
    {
        if (Status != ApprovalStatus.Approved) throw new InvalidOperationException("Only an approved request releases a number.");
        ReleaseFailure = providerMessage;
    }

    public void Released()
    {
        if (Status != ApprovalStatus.Approved) throw new InvalidOperationException("Only an approved request releases a number.");
        ReleaseFailure = null;
    }

    public void Expire(DateTimeOffset at)
    {
        EnsurePending();
        if (!IsOverdue(at)) throw new InvalidOperationException("A request is expired only once its time is up.");
        Close(ApprovalStatus.Expired, null, null, at, "No one decided it in time.");
    }

    public void Void(DateTimeOffset at, string reason)
    {
        EnsurePending();
        Close(ApprovalStatus.Voided, null, null, at, reason);
    }

    /// <summary>One line on how the request stands, for refusals and the audit trail (times in UTC).</summary>
    public string Outcome => OutcomeAt(at => $"{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC");

    /// <summary>The same line with its times written by <paramref name="time"/>: a card writes them as its viewer reads them.</summary>
    public string OutcomeAt(Func<DateTimeOffset, string> time) => Status switch
    {
        ApprovalStatus.Pending => $"Waiting for approval until {time(ExpiresAt)}.",
        ApprovalStatus.Approved when AwaitsRelease => $"Approved; release failed: {ReleaseFailure} (approved by {DecidedByName} at {When(time)})",
        ApprovalStatus.Approved => $"Approved by {DecidedByName} at {When(time)}.",
        ApprovalStatus.Denied when Note is not null => $"Denied by {DecidedByName} at {When(time)}: {Note}",
        ApprovalStatus.Denied => $"Denied by {DecidedByName} at {When(time)}.",
        ApprovalStatus.Withdrawn => $"Withdrawn by {DecidedByName} at {When(time)}.",
        ApprovalStatus.Expired => $"Expired at {When(time)}: no one decided it in time.",
        ApprovalStatus.Voided => $"Void since {When(time)}: {Note}",
        _ => Status.ToString(),
    };

    private string When(Func<DateTimeOffset, string> time) => DecidedAt is { } at ? time(at) : "";

    private void EnsurePending()
    {
        if (!IsPending) throw DomainException.Conflict($"This request was already decided. {Outcome}");
    }

    private static string? Reason(string? reason)
    {
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > MaxReasonLength)
            throw DomainException.Invalid($"A reason can be at most {MaxReasonLength} characters; this one has {trimmed.Length}.");
        return trimmed;
    }

    private void Close(ApprovalStatus status, UserRef? by, string? byName, DateTimeOffset at, string? note)
    {
        Status = status;
        DecidedBy = by;
        DecidedByName = byName;
        DecidedAt = at;
        Note = note;
    }
}
