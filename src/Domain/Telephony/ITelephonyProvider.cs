using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Domain.Telephony;

/// <summary>What to buy. The intent key tags the purchase so an unknown outcome can be reconciled later.</summary>
public sealed record NumberOrder(string ProjectId, Country Country, AreaCode? AreaCode, AgentEnvironment Environment, string IntentKey);

/// <summary>A number the provider holds for a project.</summary>
public sealed record ProvisionedNumber(PhoneNumber Number, NumberSource Source, string ProviderReference, bool Simulated);

/// <summary>
/// The telephony provider, seen from the domain. Implementations turn their failures into
/// <see cref="DomainException"/>s whose message a person can act on.
/// </summary>
public interface ITelephonyProvider
{
    /// <summary>Buys a voice-capable number from the platform's pool.</summary>
    Task<ProvisionedNumber> BuyAsync(NumberOrder order, CancellationToken ct);

    /// <summary>Finds a number in the customer's own account, or null when it is not there.</summary>
    Task<ProvisionedNumber?> FindExistingAsync(string projectId, PhoneNumber number, CancellationToken ct);

    /// <summary>Sends the number's calls to the environment's main SIP address, and to the fallback when that fails.</summary>
    Task RouteAsync(string projectId, ProvisionedNumber number, AgentEnvironment environment, SipAddresses sip, CancellationToken ct);

    /// <summary>A pool number is released; a customer's number is only detached and stays in their account. Repeatable.</summary>
    Task ReleaseAsync(string projectId, ProvisionedNumber number, CancellationToken ct);
}
