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
/// <remarks>The re-route steps are recorded with the new addresses, so a crash before they run leaves them to the telephony worker.</remarks>
public sealed record SetSipAddresses(Actor Actor, string Project, AgentEnvironment Environment, string Main, string Fallback);

/// <summary>Which numbers followed new SIP addresses, and the sentence for each that could not (yet: it is retried).</summary>
public sealed record Rerouted(IReadOnlyList<PhoneNumber> Moved, IReadOnlyList<string> Failures);

public sealed record SipAddressesSet(
    Projects.Project Project, AgentEnvironment Environment, SipAddresses? Before, SipAddresses After, Rerouted Rerouted);

public sealed class SetSipAddressesHandler(ProjectAdministration administration, TelephonySteps steps)
{
    public async Task<SipAddressesSet> HandleAsync(SetSipAddresses command, CancellationToken ct)
    {
        var project = await administration.OpenAsync(command.Actor, command.Project, "change a project's SIP addresses", ct);
        var after = new SipAddresses(command.Main, command.Fallback);
        var before = project.SipOrNull(command.Environment);
        if (before == after) return new SipAddressesSet(project, command.Environment, before, after, new Rerouted([], []));

        project.SetSip(command.Environment, after);
        IReadOnlyList<TelephonyOperation> reroute = [];
        await administration.SaveAsync(command.Actor, project, AuditActions.SipChanged,
            Describe(command.Environment, before), Describe(command.Environment, after), ct,
            async inTheSameWork => reroute = await steps.RecordRerouteAsync(project, command.Environment, command.Actor, "SIP addresses changed", inTheSameWork));
        // Stored first: the addresses are what the project should use, and a failed re-route is reported and retried, not undone.
        var runs = await steps.RunAllAsync(reroute, ct);
        return new SipAddressesSet(project, command.Environment, before, after, new Rerouted(
            runs.Where(r => r.Failure is null).Select(r => PhoneNumber.ParseE164(r.Operation.E164)).OrderBy(n => n.E164, StringComparer.Ordinal).ToList(),
            runs.Where(r => r.Failure is not null)
                .Select(r => $"{PhoneNumber.ParseE164(r.Operation.E164).Display} still goes to the old addresses: {r.Failure}").ToList()));
    }

    private static string Describe(AgentEnvironment environment, SipAddresses? sip) =>
        sip is null ? $"{environment.DisplayName()}: not set" : $"{environment.DisplayName()}: main {sip.Main}, fallback {sip.Fallback}";
}
