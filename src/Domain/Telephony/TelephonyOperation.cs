using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Domain.Telephony;

/// <summary>The steps a listed number goes through at the provider after it is stored (buying is a purchase intent).</summary>
public enum TelephonyStep
{
    /// <summary>Put the number on its environment's trunk, whose origination URLs are the environment's SIP addresses.</summary>
    Route,

    /// <summary>Release a pool number, or detach a customer's number; then forget it.</summary>
    Remove,

    /// <summary>A short call to the number from the test caller; the provider's reference is its call SID, looked up, never placed twice.</summary>
    TestCall,
}

public enum OperationState
{
    Pending,
    Done,
}

/// <summary>
/// One telephony step, written down in the same transaction as the change that asks for it and done afterwards
/// by whoever holds its lease: the request that recorded it, or after a crash the telephony worker.
/// <paramref name="ProviderReference"/>: what the provider calls what the step acts on: a test call's SID, stored as soon as it is
/// known; for a route or a removal the number's own, with its <paramref name="Source"/> and whether it is <paramref name="Simulated"/>,
/// recorded with the step, so a route can be taken back at the provider after the number's row is gone (<see cref="Provisioned"/>).
/// <paramref name="RequestKey"/>: the request that asked for it, so that request run again finds it instead of asking twice.
/// </summary>
public sealed record TelephonyOperation(
    Guid Id,
    TelephonyStep Step,
    Guid NumberId,
    string ProjectId,
    string E164,
    AgentEnvironment Environment,
    string Reason,
    string RequestedBy,
    string RequestedByName,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    OperationState State = OperationState.Pending,
    int Attempts = 0,
    string? LastError = null,
    string? ProviderReference = null,
    string? RequestKey = null,
    NumberSource? Source = null,
    bool Simulated = false)
{
    /// <summary>The number as the provider knows it, as recorded with a route or removal; null for a test call, or a step recorded before steps kept it.</summary>
    public ProvisionedNumber? Provisioned => Step != TelephonyStep.TestCall && Source is { } source && ProviderReference is { } reference
        ? new ProvisionedNumber(PhoneNumber.FromStored(E164), source, reference, Simulated)
        : null;
}

public interface ITelephonyOperationRepository
{
    /// <summary>
    /// Stores the operation already leased to <paramref name="owner"/> until <paramref name="leaseUntil"/>, so the recorder runs it
    /// first. A test call is refused with a Conflict while another to the same number is pending (a unique index decides).
    /// </summary>
    Task AddAsync(TelephonyOperation operation, string owner, DateTimeOffset leaseUntil, CancellationToken ct);

    /// <summary>Pending routes and removals that are due and not leased by anyone, now leased to <paramref name="owner"/>; a conditional update per row.</summary>
    Task<IReadOnlyList<TelephonyOperation>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct);

    /// <summary>Pending test calls whose lease has run out (their request died), now leased to <paramref name="owner"/>.</summary>
    Task<IReadOnlyList<TelephonyOperation>> ClaimDueTestCallsAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct);

    /// <summary>Stores the provider's reference while <paramref name="owner"/> holds it; false when it no longer does.</summary>
    Task<bool> SetProviderReferenceAsync(Guid id, string owner, string reference, CancellationToken ct);

    /// <summary>The operation a request recorded, pending or done; null when it recorded none.</summary>
    Task<TelephonyOperation?> FindByRequestKeyAsync(string requestKey, CancellationToken ct);

    /// <summary>
    /// Counts one more test call for the project on <paramref name="day"/> unless it has had <paramref name="perDay"/> that day;
    /// returns the day's count with this one, or null when the cap is reached. One conditional write, inside the unit of work
    /// that records the call (a call not recorded is not counted): of two requests asking for the day's last call, one gets it.
    /// </summary>
    Task<int?> CountTestCallAsync(string projectId, DateOnly day, int perDay, CancellationToken ct);

    /// <summary>
    /// Gives back one test call counted on <paramref name="day"/> (the provider refused it, so it cost nothing); nothing when the
    /// count has started a new day since. Inside the unit of work that finishes the call, so it is given back once.
    /// </summary>
    Task UncountTestCallAsync(string projectId, DateOnly day, CancellationToken ct);

    /// <summary>The project's test calls counted on <paramref name="day"/>.</summary>
    Task<int> TestCallsOnAsync(string projectId, DateOnly day, CancellationToken ct);

    /// <summary>Marks it done; false when <paramref name="owner"/> no longer holds it (nothing is changed then).</summary>
    Task<bool> CompleteAsync(Guid id, string owner, CancellationToken ct);

    /// <summary>Gives the lease up and makes it due again at <paramref name="dueAt"/>, counting the attempt.</summary>
    Task RetryLaterAsync(Guid id, string owner, string error, DateTimeOffset dueAt, CancellationToken ct);

    /// <summary>
    /// Gives the lease up and makes it due again at <paramref name="dueAt"/> as it was: not an attempt (the database undid it,
    /// nobody refused it), so neither its attempts, which set its backoff, nor its last error change.
    /// </summary>
    Task PutBackAsync(Guid id, string owner, DateTimeOffset dueAt, CancellationToken ct);

    /// <summary>Every pending operation, oldest first.</summary>
    Task<IReadOnlyList<TelephonyOperation>> ListPendingAsync(CancellationToken ct);

    /// <summary>The number's pending operation of this step, the oldest when there are several; null when none.</summary>
    Task<TelephonyOperation?> FindPendingAsync(Guid numberId, TelephonyStep step, CancellationToken ct);

    /// <summary>
    /// Leases a pending operation to <paramref name="owner"/> now, even one waiting out its backoff, unless someone holds it
    /// (a lease not yet run out); a conditional update. False when it is held, or no longer pending.
    /// </summary>
    Task<bool> TryTakeAsync(Guid id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct);
}
