using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Domain.Actions;

/// <summary>Which numbers followed new SIP addresses, and the sentence for each that could not.</summary>
public sealed record Rerouted(IReadOnlyList<PhoneNumber> Moved, IReadOnlyList<string> Failures);

internal static class NumberRouting
{
    /// <summary>Routes a stored number; a failure becomes a warning, since the number is kept either way.</summary>
    public static async Task<string?> TryRouteAsync(
        ITelephonyProvider telephony, Project project, ProvisionedNumber number, AgentEnvironment environment, CancellationToken ct)
    {
        if (project.SipOrNull(environment) is not { } sip)
            return $"{number.Number.Display} is added, but {environment.DisplayName()} has no SIP addresses yet, so it reaches no agent until an admin sets them.";
        try
        {
            await telephony.RouteAsync(project.Id, number, environment, sip, ct);
            return null;
        }
        catch (DomainException failure)
        {
            return $"{number.Number.Display} is added, but routing it to {environment.DisplayName()}'s SIP addresses failed: {failure.Message}";
        }
    }

    /// <summary>Sends each number of the environment to its (new) SIP addresses; one failure does not stop the others.</summary>
    public static async Task<Rerouted> ReRouteAsync(
        ITelephonyProvider telephony, Project project, IEnumerable<ProjectNumber> numbers, AgentEnvironment environment, CancellationToken ct)
    {
        var sip = project.SipFor(environment);
        var moved = new List<PhoneNumber>();
        var failures = new List<string>();
        foreach (var number in numbers.Where(n => n.Environment == environment).OrderBy(n => n.Number.E164, StringComparer.Ordinal))
        {
            try
            {
                await telephony.RouteAsync(project.Id,
                    new ProvisionedNumber(number.Number, number.Source, number.ProviderReference, number.Simulated), environment, sip, ct);
                moved.Add(number.Number);
            }
            catch (DomainException failure)
            {
                failures.Add($"{number.Number.Display} still goes to the old addresses: {failure.Message}");
            }
        }
        return new Rerouted(moved, failures);
    }
}
