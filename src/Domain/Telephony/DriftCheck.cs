using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Domain.Telephony;

/// <summary>
/// Compares what NumbersBot lists with what the provider holds, account by account, from the provider's paged lists.
/// Repairs what is safe through the durable telephony steps (finish a release the provider already did, re-route,
/// adopt a tagged number whose purchase intent exists), audits each repair, and reports everything else to admins.
/// A number with a step still recorded is left to the telephony worker.
/// </summary>
public sealed class DriftCheck(
    INumberRepository numbers,
    IProjectRepository projects,
    IPurchaseIntentRepository intents,
    ITelephonyOperationRepository operations,
    IProviderHoldings holdings,
    TelephonySteps steps,
    BoughtNumbers bought,
    ApprovalLedger ledger,
    IApprovalSignal approvalSignal,
    IDriftReports reports,
    IUnitOfWork unitOfWork,
    AuditLog audit,
    DriftPolicy policy,
    TimeProvider clock,
    IIdSource ids)
{
    public async Task<DriftOutcome> RunAsync(CancellationToken ct)
    {
        var outcome = new DriftOutcome();
        var listed = (await numbers.ListAllAsync(ct)).Where(n => !n.Simulated).ToList();
        var busy = (await operations.ListPendingAsync(ct)).Select(o => o.NumberId).ToHashSet();
        var byId = (await projects.ListAsync(ct)).ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        var projectIds = byId.Keys.ToList();
        outcome.Listed = listed.Count;

        var accounts = new List<HoldingsAccount> { HoldingsAccount.Pool };
        accounts.AddRange(listed.Where(n => n.Source == NumberSource.Twilio).Select(n => n.ProjectId)
            .Distinct(StringComparer.OrdinalIgnoreCase).Select(HoldingsAccount.CustomerOf));
        foreach (var account in accounts)
        {
            Holdings held;
            try
            {
                held = await holdings.ListAsync(account, projectIds, ct);
            }
            catch (DomainException failure)
            {
                // Nothing is compared against a list not read whole.
                await ReportAsync(outcome, new DriftFinding($"unreadable:{account}", account.CustomerOfProject, null, null,
                    $"The drift check could not read {account} at the provider, so it was not compared: {failure.Message}", null, failure.ProviderCode), ct);
                continue;
            }
            outcome.Held += held.Numbers.Count;
            outcome.ProviderCalls += held.Calls;
            var mine = listed.Where(n => account.CustomerOfProject is { } customer
                ? n.Source == NumberSource.Twilio && string.Equals(n.ProjectId, customer, StringComparison.OrdinalIgnoreCase)
                : n.Source == NumberSource.Platform).ToList();
            await CompareAsync(account, mine, busy, held, byId, outcome, ct);
            if (account.CustomerOfProject is null) await AdoptTaggedAsync(listed, held, byId, outcome, ct);
        }
        return outcome;
    }

    private async Task CompareAsync(HoldingsAccount account, List<ProjectNumber> mine, HashSet<Guid> busy, Holdings held,
        Dictionary<string, Project> byId, DriftOutcome outcome, CancellationToken ct)
    {
        var bySid = held.Numbers.GroupBy(n => n.ProviderReference, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var byE164 = held.Numbers.GroupBy(n => n.E164, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var routes = held.Routes.ToDictionary(r => r.Reference, StringComparer.Ordinal);
        var missing = new List<ProjectNumber>();
        var stale = new Dictionary<(Project Project, AgentEnvironment Environment), HeldRoute>();
        foreach (var number in mine.Where(n => !busy.Contains(n.Id)))
        {
            if (!bySid.TryGetValue(number.ProviderReference, out var at))
            {
                if (byE164.TryGetValue(number.Number.E164, out var other))
                    await ReportAsync(outcome, Finding(number, $"other-sid:{other.ProviderReference}",
                        $"{number.Number.Display} is listed as {number.ProviderReference}, but {account} holds it as {other.ProviderReference}; nothing was changed.",
                        other.ProviderReference), ct);
                else missing.Add(number);
                continue;
            }
            if (!byId.TryGetValue(number.ProjectId, out var project) || project.SipOrNull(number.Environment) is not { } sip) continue;
            var route = at.RouteReference is { } reference ? routes.GetValueOrDefault(reference) : null;
            if (route is { ProjectId: null } && number.Source == NumberSource.Twilio)
            {
                // The customer moved their own number to a trunk of theirs: theirs to decide.
                await ReportAsync(outcome, Finding(number, $"foreign-route:{route.Reference}",
                    $"{number.Number.Display} is on SIP trunk {route.Reference} in {account}, which NumbersBot does not manage, so its calls do not reach " +
                    $"{number.Environment.DisplayName()}'s agent; NumbersBot leaves a customer's own trunk alone.", at.ProviderReference), ct);
                continue;
            }
            var onItsRoute = route is not null && string.Equals(route.ProjectId, number.ProjectId, StringComparison.OrdinalIgnoreCase)
                && route.Environment == number.Environment;
            if (!onItsRoute)
                await RerouteAsync(number, project, sip, route, outcome, ct);
            else if (!Same(route!.Follows, sip))
                stale.TryAdd((project, number.Environment), route);
        }

        foreach (var ((project, environment), route) in stale)
            await RerouteEnvironmentAsync(project, environment, route, outcome, ct);

        if (missing.Count > Math.Max(policy.MostMissingRepairedAtOnce, mine.Count / 10))
        {
            // So many gone at once is more likely a wrong account than releases: a person must look.
            await ReportAsync(outcome, new DriftFinding($"many-missing:{account}", account.CustomerOfProject, null, null,
                $"{missing.Count} of the {mine.Count} numbers NumbersBot lists in {account} are not held there " +
                $"({string.Join(", ", missing.Take(5).Select(n => n.Number.Display))}{(missing.Count > 5 ? ", …" : "")}); " +
                "NumbersBot does not forget so many at once. Check that the account's credentials are the right ones.", null, null), ct);
            return;
        }
        foreach (var number in missing) await FinishReleaseAsync(number, account, outcome, ct);
    }

    /// <summary>The provider no longer holds it (released in the console, or a release whose answer was lost): forget it, through the removal step.</summary>
    private async Task FinishReleaseAsync(ProjectNumber number, HoldingsAccount account, DriftOutcome outcome, CancellationToken ct)
    {
        TelephonyOperation removal;
        ApprovalRequest? voided;
        await using (var work = await unitOfWork.BeginAsync(ct))
        {
            voided = await ledger.VoidPendingAsync(number.Id, $"{account} no longer holds {number.Number.Display}, so NumbersBot no longer lists it.", ct);
            removal = await steps.RecordRemovalAsync(number, Actor.System, $"the drift check found {account} no longer holds it", ct);
            await audit.RecordAsync(Actor.System,
                AuditedChange.To(number, TelephonyAudit.Repaired, $"listed as {number.ProviderReference}", $"not held in {account}: the release is finished and the number forgotten"), ct);
            await work.CommitAsync(ct);
        }
        if (voided is not null) await approvalSignal.ChangedAsync(ct);
        outcome.Repairs.Add($"forgot {number.Number.E164}: not held in {account}");
        await RunAsync([removal], ct);
    }

    private async Task RerouteAsync(ProjectNumber number, Project project, SipAddresses sip, HeldRoute? was, DriftOutcome outcome, CancellationToken ct)
    {
        var environment = number.Environment.DisplayName();
        var why = was is null ? "the provider has it on no SIP trunk" : $"the provider has it on SIP trunk {was.Reference}, not {environment}'s";
        TelephonyOperation route;
        await using (var work = await unitOfWork.BeginAsync(ct))
        {
            route = await steps.RecordRouteAsync(number, Actor.System, $"the drift check found {why}", ct);
            await audit.RecordAsync(Actor.System,
                AuditedChange.To(number, TelephonyAudit.Repaired, why, $"re-routed to {environment}'s SIP trunk"), ct);
            // Recorded in the same commit as the step it reports, so a crash after it still tells the admins, once; posted
            // only once the provider confirmed the route (DriftNotices), so a refused one is never told as repaired.
            await reports.RepairedAsync(new DriftRepair($"rerouted:{route.Id:N}", project.Id, number.Environment,
                $"{number.Number.Display} ({project.Name}, {environment}) was on {(was is null ? "no SIP trunk" : $"SIP trunk {was.Reference}, not {environment}'s")}, " +
                $"so its calls did not reach the agent. NumbersBot put it back on {environment}'s SIP trunk, which sends calls to {Describe(sip)}. " +
                "A test call shows whether they reach the agent now.", [number.Number.E164]), ct);
            await work.CommitAsync(ct);
        }
        if (await RunRoutesAsync([route], outcome, ct)) outcome.Repairs.Add($"re-routed {number.Number.E164}: {why}");
    }

    private async Task RerouteEnvironmentAsync(Project project, AgentEnvironment environment, HeldRoute trunk, DriftOutcome outcome, CancellationToken ct)
    {
        IReadOnlyList<TelephonyOperation> routes;
        const string why = "its SIP trunk does not send calls to the environment's SIP addresses";
        var sip = project.SipFor(environment);
        await using (var work = await unitOfWork.BeginAsync(ct))
        {
            routes = await steps.RecordRerouteAsync(project.Id, environment, Actor.System, $"the drift check found {why}", ct);
            await audit.RecordAsync(Actor.System,
                new AuditedChange(TelephonyAudit.Repaired, project.Id, Environment: environment, Before: why, After: $"{routes.Count} numbers re-routed, which brings the trunk back to the SIP addresses"), ct);
            if (routes.Count > 0)
                await reports.RepairedAsync(new DriftRepair($"rerouted:{routes[0].Id:N}", project.Id, environment,
                    $"{environment.DisplayName()}'s SIP trunk {trunk.Reference} in {project.Name} sent calls to " +
                    $"{(trunk.Follows is { } follows ? Describe(follows) : "addresses that are not the environment's")}, so they did not reach the agent. " +
                    $"NumbersBot re-routed its {Count(routes.Count)}, which brings the trunk back to {Describe(sip)}. A test call shows whether calls reach the agent now.",
                    routes.Select(r => r.E164).ToList()), ct);
            await work.CommitAsync(ct);
        }
        if (await RunRoutesAsync(routes, outcome, ct)) outcome.Repairs.Add($"re-routed {project.Id} {environment}: {why}");
    }

    /// <summary>
    /// Runs the re-route's steps; each the provider refuses is reported ("needs a person"), since the number stays
    /// unreachable until the worker's retry succeeds. True when at least one was confirmed (or there was none to run).
    /// </summary>
    private async Task<bool> RunRoutesAsync(IReadOnlyList<TelephonyOperation> routes, DriftOutcome outcome, CancellationToken ct)
    {
        var runs = await steps.RunAllAsync(routes, ct);
        foreach (var run in runs.Where(r => r.Failure is not null))
        {
            var route = run.Operation;
            await ReportAsync(outcome, new DriftFinding($"reroute-refused:{route.Id:N}", route.ProjectId, route.E164, route.Environment,
                $"The drift check tried to put {route.E164} back on {route.Environment.DisplayName()}'s SIP trunk, but the provider refused: {run.Failure} " +
                "Its calls still do not reach the agent. NumbersBot keeps trying, and tells the admins it is repaired once the provider confirms it.",
                null, null), ct);
        }
        return runs.Count == 0 || runs.Any(r => r.Failure is null);
    }

    private static string Describe(SipAddresses sip) => $"{sip.Main} (fallback {sip.Fallback})";

    private static string Count(int numbers) => numbers == 1 ? "number" : $"{numbers} numbers";

    /// <summary>Numbers NumbersBot bought (tagged) that it does not list: adopted when their purchase intent is known, else reported.</summary>
    private async Task AdoptTaggedAsync(List<ProjectNumber> listed, Holdings held, Dictionary<string, Project> byId, DriftOutcome outcome, CancellationToken ct)
    {
        var listedSids = listed.Select(n => n.ProviderReference).ToHashSet(StringComparer.Ordinal);
        var listedE164 = listed.Select(n => n.Number.E164).ToHashSet(StringComparer.Ordinal);
        var orphans = held.Numbers.Where(n => n.PurchaseTag is not null && !listedSids.Contains(n.ProviderReference) && !listedE164.Contains(n.E164)).ToList();
        if (orphans.Count == 0) return;
        var unsettled = (await intents.ListWithoutNumberAsync(ct)).ToDictionary(i => holdings.PurchaseTag(i.Key), StringComparer.Ordinal);
        foreach (var orphan in orphans)
        {
            var intent = unsettled.GetValueOrDefault(orphan.PurchaseTag!);
            // A purchase still waiting for its answer stores the number itself.
            if (intent is { State: PurchaseState.Pending } && clock.GetUtcNow() - intent.RequestedAt < policy.PurchaseInFlight) continue;
            // Its purchase settled while the lists were read: the number is stored now, under its own SID.
            if (intent is null && await numbers.FindByE164Async(orphan.E164, ct) is { } stored && stored.ProviderReference == orphan.ProviderReference) continue;
            if (intent is null || !byId.ContainsKey(intent.ProjectId))
            {
                await ReportAsync(outcome, new DriftFinding($"untracked:{orphan.ProviderReference}", intent?.ProjectId, orphan.E164, null,
                    $"The platform's account holds {orphan.E164} ({orphan.ProviderReference}), tagged {orphan.PurchaseTag} by NumbersBot, but no project lists it " +
                    "and no purchase it belongs to is known; it is paid for and reaches no agent. Release it in the Twilio console, or connect it to a project.",
                    orphan.ProviderReference, null), ct);
                continue;
            }
            await AdoptAsync(orphan, intent, outcome, ct);
        }
    }

    private async Task AdoptAsync(HeldNumber orphan, PurchaseIntent intent, DriftOutcome outcome, CancellationToken ct)
    {
        var number = new ProjectNumber(ids.NewId(), intent.ProjectId, PhoneNumber.ParseE164(orphan.E164), intent.Environment, NumberSource.Platform,
            orphan.ProviderReference, simulated: false, intent.VariantId, clock.GetUtcNow(), intent.RequestedBy);
        var history = await bought.DescribeRecoveredAsync(number, intent, "found at the provider by the drift check", ct);
        var route = await bought.AdoptAsync(number, intent.Key, history,
            AuditedChange.To(number, TelephonyAudit.Repaired, $"held as {orphan.ProviderReference}, tagged for purchase {intent.Key} ({intent.State}), not listed", "adopted and routed"),
            "adopted by the drift check", ct);
        // Already listed: the purchase (or its settlement) stored it since the lists were read; it is theirs, and routed by them.
        if (route is null) return;
        outcome.Repairs.Add($"adopted {number.Number.E164} for purchase {intent.Key}");
        await RunAsync([route], ct);
    }

    /// <summary>Run now; a step the provider refuses stays recorded and the telephony worker retries it.</summary>
    private Task RunAsync(IEnumerable<TelephonyOperation> recorded, CancellationToken ct) => steps.RunAllAsync(recorded, ct);

    private async Task ReportAsync(DriftOutcome outcome, DriftFinding finding, CancellationToken ct)
    {
        outcome.Reported.Add(finding);
        await using var work = await unitOfWork.BeginAsync(ct);
        // Told once per finding; it is audited the first time it is seen.
        if (!await reports.ReportAsync(finding, ct)) return;
        await audit.RecordAsync(Actor.System,
            new AuditedChange(TelephonyAudit.Anomaly, finding.ProjectId, finding.E164, finding.Environment, After: finding.Text), ct);
        await work.CommitAsync(ct);
    }

    private static DriftFinding Finding(ProjectNumber number, string kind, string text, string? providerReference) =>
        new($"{kind}:{number.ProviderReference}", number.ProjectId, number.Number.E164, number.Environment, text, providerReference, null);

    private static bool Same(SipAddresses? actual, SipAddresses wanted) =>
        actual is not null && string.Equals(actual.Main, wanted.Main, StringComparison.OrdinalIgnoreCase)
        && string.Equals(actual.Fallback, wanted.Fallback, StringComparison.OrdinalIgnoreCase);
}
