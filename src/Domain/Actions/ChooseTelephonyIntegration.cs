using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Domain.Actions;

/// <summary>
/// An admin chooses how the project's numbers are provided: none, the platform's pool, or the customer's own Twilio
/// account, which must already be named in configuration (its secret is never typed into chat).
/// </summary>
public sealed record ChooseTelephonyIntegration(Actor Actor, string Project, TelephonyIntegration Integration);

public sealed record TelephonyIntegrationChosen(Project Project, TelephonyIntegration Before);

public sealed class ChooseTelephonyIntegrationHandler(
    ProjectAdministration administration, INumberRepository numbers, ICustomerTelephonyAccounts accounts)
{
    public async Task<TelephonyIntegrationChosen> HandleAsync(ChooseTelephonyIntegration command, CancellationToken ct)
    {
        var project = await administration.OpenAsync(command.Actor, command.Project, "choose a project's telephony integration", ct);
        var before = project.Integration;
        if (before == command.Integration) return new TelephonyIntegrationChosen(project, before);
        if (command.Integration == TelephonyIntegration.CustomerTwilio && !accounts.IsConfiguredFor(project.Id))
            throw DomainException.Invalid(
                $"No customer Twilio account is configured for project '{project.Name}'. {accounts.HowToConfigure(project.Id)}");
        var held = (await numbers.CountAsync(project.Id, ct)).Total;
        // The numbers came through the current integration; switching would strand them.
        if (held > 0)
            throw DomainException.Conflict(
                $"Project '{project.Name}' has {held} phone number{(held == 1 ? "" : "s")} through {ProjectAdministration.Describe(before)}; delete them before changing its telephony integration.");
        project.ChooseIntegration(command.Integration);
        await administration.SaveAsync(command.Actor, project, AuditActions.IntegrationChosen,
            ProjectAdministration.Describe(before), ProjectAdministration.Describe(project.Integration), ct);
        return new TelephonyIntegrationChosen(project, before);
    }
}
