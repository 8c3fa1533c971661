using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Domain.Actions;

/// <summary>
/// An admin sets an environment's main and fallback SIP addresses; the environment's numbers are then re-routed
/// through the provider, and the result says which moved.
/// </summary>
public sealed record SetSipAddresses(Actor Actor, string Project, AgentEnvironment Environment, string Main, string Fallback);

public sealed record SipAddressesSet(
    Projects.Project Project, AgentEnvironment Environment, SipAddresses? Before, SipAddresses After, Rerouted Rerouted);

public sealed class SetSipAddressesHandler(ProjectAdministration administration, INumberRepository numbers, ITelephonyProvider telephony)
{
    public async Task<SipAddressesSet> HandleAsync(SetSipAddresses command, CancellationToken ct)
    {
        var project = await administration.OpenAsync(command.Actor, command.Project, "change a project's SIP addresses", ct);
        var after = new SipAddresses(command.Main, command.Fallback);
        var before = project.SipOrNull(command.Environment);
        if (before == after) return new SipAddressesSet(project, command.Environment, before, after, new Rerouted([], []));

        project.SetSip(command.Environment, after);
        await administration.SaveAsync(command.Actor, project, AuditActions.SipChanged,
            Describe(command.Environment, before), Describe(command.Environment, after), ct);
        // Stored first: the addresses are what the project should use, and a failed re-route is reported, not undone.
        var rerouted = await NumberRouting.ReRouteAsync(telephony, project, await numbers.ListAsync(project.Id, ct), command.Environment, ct);
        return new SipAddressesSet(project, command.Environment, before, after, rerouted);
    }

    private static string Describe(AgentEnvironment environment, SipAddresses? sip) =>
        sip is null ? $"{environment.DisplayName()}: not set" : $"{environment.DisplayName()}: main {sip.Main}, fallback {sip.Fallback}";
}
