using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Telephony;

/// <summary>
/// A provider with no accounts behind it: hands out fictional numbers (UK +44 7700 900xxx, North America
/// NPA 555-01xx) that no one can call, so the bot runs anywhere. What it holds is what the database holds.
/// </summary>
public sealed class SimulatedTelephonyProvider(INumberRepository numbers, SimulatedTelephonyFaults faults, ILogger<SimulatedTelephonyProvider> logger)
    : ITelephonyProvider
{
    /// <summary>Area codes for which the simulated pool is empty, as Twilio's test credentials do with 533.</summary>
    public const string EmptyAreaCode = "533";

    private const string DefaultUsAreaCode = "415";
    private const string DefaultCanadaAreaCode = "604";
    private const int CandidatesPerLookup = 20;

    public async Task<ProvisionedNumber> BuyAsync(NumberOrder order, CancellationToken ct)
    {
        faults.ThrowIfFailing("buy");
        if (order.AreaCode?.Digits == EmptyAreaCode)
            throw new DomainException(RefusalKind.ProviderFailed,
                $"No {order.Country.DisplayName()} numbers are available with area code {EmptyAreaCode}. Try another area code, or leave it empty.");

        // A handful of candidates per look-up: the first free one is found in one round trip unless the pool is nearly taken.
        foreach (var candidates in Candidates(order).Chunk(CandidatesPerLookup))
        {
            var listed = await numbers.ListedAmongAsync(candidates, ct);
            if (candidates.FirstOrDefault(c => !listed.Contains(c)) is not { } free) continue;
            var number = PhoneNumber.ParseE164(free);
            logger.LogInformation("Simulated purchase of {Number} for {Project} {Environment}", number.E164, order.ProjectId, order.Environment);
            return new ProvisionedNumber(number, NumberSource.Platform, $"SIM{number.E164[1..]}", Simulated: true);
        }
        throw new DomainException(RefusalKind.ProviderFailed,
            $"The simulated pool has no {order.Country.DisplayName()} numbers left{(order.AreaCode is null ? "" : $" in area code {order.AreaCode}")}.");
    }

    /// <summary>The simulated customer account holds every valid number except those ending 0000, which stand for "not there".</summary>
    public Task<ProvisionedNumber?> FindExistingAsync(string projectId, PhoneNumber number, CancellationToken ct)
    {
        faults.ThrowIfFailing("look-up");
        ProvisionedNumber? found = number.E164.EndsWith("0000", StringComparison.Ordinal)
            ? null
            : new ProvisionedNumber(number, NumberSource.Twilio, $"SIMPN{number.E164[1..]}", Simulated: true);
        return Task.FromResult(found);
    }

    public Task RouteAsync(string projectId, ProvisionedNumber number, AgentEnvironment environment, SipAddresses sip, CancellationToken ct)
    {
        faults.ThrowIfFailing("routing");
        logger.LogInformation("Simulated routing of {Number} to {Main} (fallback {Fallback})", number.Number.E164, sip.Main, sip.Fallback);
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string projectId, ProvisionedNumber number, CancellationToken ct)
    {
        faults.ThrowIfFailing("release");
        logger.LogInformation("Simulated {Action} of {Number}", number.Source == NumberSource.Platform ? "release" : "detach", number.Number.E164);
        return Task.CompletedTask;
    }

    private static IEnumerable<string> Candidates(NumberOrder order)
    {
        if (order.Country == Country.UK)
            return Enumerable.Range(0, 1000).Select(i => $"+447700900{i:D3}");
        var areaCode = order.AreaCode?.Digits ?? (order.Country == Country.Canada ? DefaultCanadaAreaCode : DefaultUsAreaCode);
        return Enumerable.Range(0, 100).Select(i => $"+1{areaCode}55501{i:D2}");
    }
}

/// <summary>Tells the simulated provider to fail, from configuration (Telephony:Simulated:FailWith) or from a test.</summary>
public sealed class SimulatedTelephonyFaults
{
    private volatile string? _failure;

    public SimulatedTelephonyFaults(string? failWith = null) => _failure = string.IsNullOrWhiteSpace(failWith) ? null : failWith;

    /// <summary>Every call fails with this message until <see cref="Heal"/>.</summary>
    public void FailWith(string message) => _failure = message;

    public void Heal() => _failure = null;

    internal void ThrowIfFailing(string what)
    {
        if (_failure is { } message)
            throw new DomainException(RefusalKind.ProviderFailed, $"The telephony provider failed during {what}: {message}");
    }
}
