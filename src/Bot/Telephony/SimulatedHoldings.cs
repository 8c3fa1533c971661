using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Telephony;

/// <summary>
/// The simulated provider holds what the database lists, each number routed to its environment's current SIP
/// addresses, so a drift check against it finds nothing to repair. Read in pages of a project, never per number.
/// </summary>
public sealed class SimulatedHoldings(IProjectRepository projects, INumberRepository numbers) : IProviderHoldings
{
    public async Task<Holdings> ListAsync(HoldingsAccount account, IReadOnlyCollection<string> projectIds, CancellationToken ct)
    {
        var source = account.CustomerOfProject is null ? NumberSource.Platform : NumberSource.Twilio;
        var held = new List<HeldNumber>();
        var routes = new List<HeldRoute>();
        var calls = 0;
        foreach (var project in await projects.ListAsync(ct))
        {
            if (account.CustomerOfProject is { } only && !string.Equals(only, project.Id, StringComparison.OrdinalIgnoreCase)) continue;
            calls++;
            foreach (var environment in Domain.Environments.AgentEnvironments.All)
                routes.Add(new HeldRoute(Route(project.Id, environment), project.Id, environment, project.SipOrNull(environment)));
            held.AddRange((await numbers.ListAsync(project.Id, ct))
                .Where(n => n.Source == source)
                .Select(n => new HeldNumber(n.Number.E164, n.ProviderReference, null, Route(n.ProjectId, n.Environment))));
        }
        return new Holdings(account, held, routes, calls);
    }

    public string PurchaseTag(string intentKey) => $"simulated:{intentKey}";

    private static string Route(string projectId, Domain.Environments.AgentEnvironment environment) => $"SIMTK:{projectId}:{environment}";
}
