using NumbersBot.Domain.Numbers;

namespace NumbersBot.Domain.Telephony;

/// <summary>
/// The provider's call log, seen from the domain: when each call to a number started. Apart from the telephony
/// provider so that reading traffic and changing numbers grow independently.
/// </summary>
public interface ICallTraffic
{
    /// <summary>
    /// Start times of the calls that came in to <paramref name="number"/> since <paramref name="since"/> (calls it made
    /// are left out). A connected number (<see cref="NumberSource.Twilio"/>) is read in the project's own account.
    /// Failures are <see cref="DomainException"/>s.
    /// </summary>
    Task<IReadOnlyList<DateTimeOffset>> InboundCallsAsync(string projectId, PhoneNumber number, NumberSource source, DateTimeOffset since, CancellationToken ct);
}
