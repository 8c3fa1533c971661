namespace NumbersBot.Bot.Approvals;

/// <summary>
/// What a copy is for: the approvers' post in a configured place, the requester's own card, or the message that
/// tells the requester how their request ended.
/// </summary>
public enum CopyKind
{
    Approvers,
    Requester,
    Outcome,
}

/// <summary>
/// One posted (or about to be posted) copy of an approval. <paramref name="Destination"/> is where it goes in its
/// channel (a conversation, a Slack channel, a person's user key); <paramref name="Address"/> is the posted message,
/// null until posted; <paramref name="ShownState"/> the request state it shows (<c>ApprovalRequest.ShownState</c>).
/// </summary>
public sealed record ApprovalCopy(
    Guid ApprovalId, string Channel, CopyKind Kind, string Destination, string? Address, string? ShownState, int Attempts)
{
    /// <summary>The shown state of a copy that can no longer be edited: final, never tried again.</summary>
    public const string GivenUp = "GivenUp";

    public string Key => $"{ApprovalId}|{Channel}|{Kind}|{Destination}";
}

/// <summary>The approval copies, claimed and leased through conditional writes, so each copy is one instance's work at a time.</summary>
public interface IApprovalCopyStore
{
    /// <summary>Pending requests that have no copy of this kind at this destination yet.</summary>
    Task<IReadOnlyList<Guid>> PendingWithoutCopyAsync(string channel, CopyKind kind, string destination, int limit, CancellationToken ct);

    /// <summary>Inserts the copy unless one with its key exists, leased to the caller until <paramref name="leaseUntil"/>.</summary>
    Task<bool> TryClaimAsync(ApprovalCopy copy, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct);

    /// <summary>Copies not yet posted, or showing another state than their request's, that nobody holds a lease on.</summary>
    Task<IReadOnlyList<ApprovalCopy>> OutOfDateAsync(DateTimeOffset now, int limit, CancellationToken ct);

    /// <summary>Takes the copy until <paramref name="leaseUntil"/>; false when another instance holds it.</summary>
    Task<bool> TryLeaseAsync(ApprovalCopy copy, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct);

    /// <summary>Records what the copy now shows (and where it is, once posted), and lets go of the lease.</summary>
    Task RecordShownAsync(ApprovalCopy copy, string? address, string shownState, DateTimeOffset now, CancellationToken ct);

    Task RetryLaterAsync(ApprovalCopy copy, DateTimeOffset dueAt, string failure, CancellationToken ct);

    /// <summary>The copy can no longer be edited: it keeps why, shows <see cref="ApprovalCopy.GivenUp"/> and is never out of date again.</summary>
    Task GiveUpAsync(ApprovalCopy copy, string failure, DateTimeOffset now, CancellationToken ct);

    Task<IReadOnlyList<ApprovalCopy>> ForApprovalAsync(Guid approvalId, CancellationToken ct);
}
