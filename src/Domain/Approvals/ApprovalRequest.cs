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
        DateTimeOffset? decidedAt = null, string? note = null)
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
    }

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
    public string? Note { get; private set; }

    public bool IsPending => Status == ApprovalStatus.Pending;

    public bool IsOverdue(DateTimeOffset now) => IsPending && now >= ExpiresAt;

    /// <summary>Refuses, with the reason, anyone who may not decide this request.</summary>
    public void EnsureCanDecide(UserAccess decider)
    {
        if (decider.User == RequestedBy)
            throw DomainException.Forbidden("You asked for this deletion, so someone else must approve or deny it: a second person is the point.");
        decider.RequireAdmin("approve or deny deleting a Live number");
    }

    public void Decide(ApprovalDecision decision, UserAccess decider, DateTimeOffset at)
    {
        EnsurePending();
        if (IsOverdue(at))
            throw DomainException.Conflict($"This request expired at {ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC and can no longer be decided.");
        EnsureCanDecide(decider);
        Close(decision == ApprovalDecision.Approve ? ApprovalStatus.Approved : ApprovalStatus.Denied,
            decider.User, decider.DisplayName, at, null);
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

    /// <summary>One line on how the request stands, for cards and refusals.</summary>
    public string Outcome => Status switch
    {
        ApprovalStatus.Pending => $"Waiting for approval until {ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.",
        ApprovalStatus.Approved => $"Approved by {DecidedByName} at {DecidedAt?.UtcDateTime:yyyy-MM-dd HH:mm} UTC.",
        ApprovalStatus.Denied => $"Denied by {DecidedByName} at {DecidedAt?.UtcDateTime:yyyy-MM-dd HH:mm} UTC.",
        ApprovalStatus.Expired => $"Expired at {DecidedAt?.UtcDateTime:yyyy-MM-dd HH:mm} UTC: no one decided it in time.",
        ApprovalStatus.Voided => $"Void since {DecidedAt?.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {Note}",
        _ => Status.ToString(),
    };

    private void EnsurePending()
    {
        if (!IsPending) throw DomainException.Conflict($"This request was already decided. {Outcome}");
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
