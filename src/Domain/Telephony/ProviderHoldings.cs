using NumbersBot.Domain.Environments;

namespace NumbersBot.Domain.Telephony;

/// <summary>Whose account a list is read from: the platform's pool, or the customer account of one project.</summary>
public sealed record HoldingsAccount(string? CustomerOfProject)
{
    public static HoldingsAccount Pool { get; } = new((string?)null);

    public static HoldingsAccount CustomerOf(string projectId) => new(projectId);

    public override string ToString() => CustomerOfProject is null ? "the platform's account" : $"project {CustomerOfProject}'s account";
}

/// <summary>
/// A number the provider holds. <paramref name="PurchaseTag"/>: the tag NumbersBot set when it bought it, else null.
/// <paramref name="RouteReference"/>: the route (a SIP trunk) it is on, null when on none.
/// </summary>
public sealed record HeldNumber(string E164, string ProviderReference, string? PurchaseTag, string? RouteReference);

/// <summary>
/// A route (a SIP trunk) in the account. <paramref name="ProjectId"/> and <paramref name="Environment"/> say which
/// environment's route NumbersBot made it for, null when NumbersBot does not manage it. <paramref name="Follows"/>: the
/// SIP addresses its targets implement exactly (main first, fallback after), null when they match none.
/// </summary>
public sealed record HeldRoute(string Reference, string? ProjectId, AgentEnvironment? Environment, SipAddresses? Follows);

/// <summary>Everything one account holds, read whole (every page) or not at all; <paramref name="Calls"/> is how many list calls it took.</summary>
public sealed record Holdings(HoldingsAccount Account, IReadOnlyList<HeldNumber> Numbers, IReadOnlyList<HeldRoute> Routes, int Calls)
{
    public static Holdings Empty(HoldingsAccount account) => new(account, [], [], 0);
}

/// <summary>
/// The provider's own lists, read page by page (never one call per number), for the drift check. A failure throws a
/// <see cref="DomainException"/> with the provider's code, and nothing partial is returned.
/// </summary>
public interface IProviderHoldings
{
    /// <summary><paramref name="projectIds"/> are the projects whose routes to recognise in that account.</summary>
    Task<Holdings> ListAsync(HoldingsAccount account, IReadOnlyCollection<string> projectIds, CancellationToken ct);

    /// <summary>The tag a purchase for this intent carries at the provider.</summary>
    string PurchaseTag(string intentKey);
}
