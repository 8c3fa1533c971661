using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Domain.Actions;

internal static class NumberRouting
{
    /// <summary>Routes a stored number; a failure becomes a warning, since the number is kept either way.</summary>
    public static async Task<string?> TryRouteAsync(
        ITelephonyProvider telephony, Project project, ProvisionedNumber number, AgentEnvironment environment, CancellationToken ct)
    {
        try
        {
            await telephony.RouteAsync(project.Id, number, environment, project.SipFor(environment), ct);
            return null;
        }
        catch (DomainException failure)
        {
            return $"{number.Number.Display} is added, but routing it to {environment.DisplayName()}'s SIP addresses failed: {failure.Message}";
        }
    }
}
