using NumbersBot.Domain.Environments;

namespace NumbersBot.Domain.Numbers;

public enum PurchaseState
{
    /// <summary>Recorded before the provider is called; the outcome is unknown until completed or failed.</summary>
    Pending,
    Completed,
    Failed,
}

/// <summary>
/// A purchase written down before money is spent, keyed by the click that asked for it,
/// so a double click or a redelivered request finds the same purchase instead of buying again.
/// </summary>
public sealed record PurchaseIntent(
    string Key,
    string ProjectId,
    AgentEnvironment Environment,
    Country Country,
    string? AreaCode,
    string? VariantId,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    PurchaseState State = PurchaseState.Pending,
    Guid? NumberId = null,
    string? Failure = null)
{
    public const int MaxKeyLength = 200;
}

public interface IPurchaseIntentRepository
{
    /// <summary>Records the intent, or returns the one already recorded under the same key (nothing is written then).</summary>
    Task<PurchaseIntent?> TryBeginAsync(PurchaseIntent intent, CancellationToken ct);

    /// <summary>Settles a pending intent; one already settled stays as it is; a key never begun is a bug (InvalidOperationException).</summary>
    Task CompleteAsync(string key, Guid numberId, CancellationToken ct);

    /// <summary>As <see cref="CompleteAsync"/>, with why nothing was bought.</summary>
    Task FailAsync(string key, string failure, CancellationToken ct);

    /// <summary>Intents whose outcome is still unknown, oldest first, for reconciliation.</summary>
    Task<IReadOnlyList<PurchaseIntent>> ListPendingAsync(CancellationToken ct);

    /// <summary>Intents no stored number came of (pending or failed), for the drift check to match tagged numbers with.</summary>
    Task<IReadOnlyList<PurchaseIntent>> ListWithoutNumberAsync(CancellationToken ct);

    /// <summary>Completes it with a number the drift check found at the provider, even after it was failed; repeatable.</summary>
    Task AdoptAsync(string key, Guid numberId, CancellationToken ct);
}
