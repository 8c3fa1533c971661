using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Domain.Telephony;

/// <summary>How long a recorded step is left to whoever recorded it before the worker may take it over.</summary>
public sealed record TelephonyWorkPolicy(TimeSpan Lease)
{
    public static TelephonyWorkPolicy Default { get; } = new(TimeSpan.FromMinutes(5));

    /// <summary>30 s after the first failure, doubling, at most an hour: a provider outage is not hammered.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Min(attempts, 7))));
}

/// <summary>A step run by the request that recorded it; <paramref name="Failure"/> is what the provider said, null when done.</summary>
public sealed record StepRun(TelephonyOperation Operation, string? Failure);

/// <summary>The audit actions of telephony steps; <c>history &lt;number&gt;</c> shows each one.</summary>
public static class TelephonyAudit
{
    public const string Routed = "number.routed";
    /// <summary>A route whose number was being removed, or gone, taken back at the provider.</summary>
    public const string RouteWithdrawn = "number.route_withdrawn";
    public const string Unreachable = "number.unreachable";
    public const string RemovalFailed = "number.removal_failed";
    public const string Repaired = "telephony.repaired";
    public const string Anomaly = "telephony.anomaly";
    public const string TestCall = "number.test_call";
}

/// <summary>
/// Records telephony steps inside the caller's unit of work, and runs them: right away by the request that recorded
/// them, or by the telephony worker once their lease has run out (after a crash, or a failure). Each run asks the
/// provider to do the step and to confirm it; only a confirmed step is marked done.
/// </summary>
public sealed partial class TelephonySteps(
    ITelephonyOperationRepository operations,
    INumberRepository numbers,
    IProjectRepository projects,
    ITelephonyProvider telephony,
    IUnitOfWork unitOfWork,
    AuditLog audit,
    ApprovalLedger approvals,
    IApprovalSignal approvalSignal,
    TelephonyWorkPolicy policy,
    TimeProvider clock,
    IIdSource ids)
{
    // Routes this request recorded, with the number (and the project, when this unit of work stored it) as it left them:
    // run right after the commit, they need not read either again, since the store confirms both are still current when the
    // route is marked done (MarkRoutedAsync). The worker, and a step someone else recorded, read both.
    private readonly Dictionary<Guid, (ProjectNumber Number, Project? Project)> _routesRecordedHere = [];

    /// <summary>Call inside the unit of work that stores the number (or finds it unrouted).</summary>
    /// <param name="held">
    /// The number's project when this unit of work stores it or holds it (<see cref="IProjectRepository.HoldAsync"/>): its SIP
    /// addresses are then the ones the route goes to, unread again; else null.
    /// </param>
    public Task<TelephonyOperation> RecordRouteAsync(ProjectNumber number, Actor actor, string reason, CancellationToken ct, Project? held = null) =>
        RecordRouteAsync(number, held, actor, reason, ct);

    private async Task<TelephonyOperation> RecordRouteAsync(ProjectNumber number, Project? stored, Actor actor, string reason, CancellationToken ct)
    {
        var operation = await RecordAsync(TelephonyStep.Route, number, actor, reason, ct);
        await numbers.SetReachabilityAsync(number.Id, Reachability.Routing, null, ct);
        number.MarkReachability(Reachability.Routing, null);
        _routesRecordedHere[operation.Id] = (number, stored);
        return operation;
    }

    /// <summary>
    /// Re-routes every number of a project environment, e.g. after its SIP addresses changed. Call inside the unit of
    /// work that stores the change, then <see cref="RunAllAsync"/> after the commit; the worker finishes what that does not.
    /// </summary>
    public Task<IReadOnlyList<TelephonyOperation>> RecordRerouteAsync(
        string projectId, AgentEnvironment environment, Actor actor, string reason, CancellationToken ct) =>
        RecordRerouteAsync(projectId, null, environment, actor, reason, ct);

    /// <summary>As above, inside the unit of work that stores <paramref name="stored"/>: its steps then run with the addresses it holds.</summary>
    public Task<IReadOnlyList<TelephonyOperation>> RecordRerouteAsync(
        Project stored, AgentEnvironment environment, Actor actor, string reason, CancellationToken ct) =>
        RecordRerouteAsync(stored.Id, stored, environment, actor, reason, ct);

    private async Task<IReadOnlyList<TelephonyOperation>> RecordRerouteAsync(
        string projectId, Project? stored, AgentEnvironment environment, Actor actor, string reason, CancellationToken ct)
    {
        var recorded = new List<TelephonyOperation>();
        foreach (var number in (await numbers.ListAsync(projectId, ct)).Where(n => n.Environment == environment && n.Reachability != Reachability.Removing))
            recorded.Add(await RecordRouteAsync(number, stored, actor, reason, ct));
        return recorded;
    }

    /// <summary>Call inside the unit of work that decides the number goes; <see cref="RunAsync"/> after the commit.</summary>
    public async Task<TelephonyOperation> RecordRemovalAsync(ProjectNumber number, Actor actor, string how, CancellationToken ct)
    {
        var operation = await RecordAsync(TelephonyStep.Remove, number, actor, how, ct);
        await numbers.SetReachabilityAsync(number.Id, Reachability.Removing, null, ct);
        number.MarkReachability(Reachability.Removing, null);
        return operation;
    }

    /// <summary>
    /// One call to free a number: recorded, then done now. Released (pool) or detached (customer's) at the provider,
    /// confirmed, and only then forgotten. On a provider failure it throws and stays recorded: the worker retries.
    /// A removal already recorded for the number (a failed one, asked again by Retry release) is run, not recorded twice;
    /// while someone else runs it, this refuses with a Conflict.
    /// </summary>
    public async Task RemoveAsync(Actor actor, ProjectNumber number, string how, CancellationToken ct)
    {
        if (await operations.FindPendingAsync(number.Id, TelephonyStep.Remove, ct) is { } recorded)
        {
            var owner = $"request:{ids.NewId():N}";
            var now = clock.GetUtcNow();
            if (!await operations.TryTakeAsync(recorded.Id, owner, now, now + policy.Lease, ct))
                throw DomainException.Conflict($"{number.Number.Display} is being removed right now; its card shows the outcome once the provider confirms it.");
            await RunAsync(recorded, owner, ct);
            return;
        }
        TelephonyOperation operation;
        await using (var work = await unitOfWork.BeginAsync(ct))
        {
            operation = await RecordRemovalAsync(number, actor, how, ct);
            await work.CommitAsync(ct);
        }
        await RunAsync(operation, ct);
    }

    /// <summary>Runs steps this request recorded, each whatever became of the others; a failed one stays recorded and is retried.</summary>
    public async Task<IReadOnlyList<StepRun>> RunAllAsync(IEnumerable<TelephonyOperation> recorded, CancellationToken ct)
    {
        var runs = new List<StepRun>();
        foreach (var operation in recorded)
        {
            try
            {
                await RunAsync(operation, ct);
                runs.Add(new StepRun(operation, null));
            }
            catch (DomainException failure)
            {
                runs.Add(new StepRun(operation, failure.Message));
            }
        }
        return runs;
    }

    /// <summary>Routes a number just stored; a failure becomes a warning, since the number is kept and routing is retried.</summary>
    public async Task<string?> TryRouteAsync(TelephonyOperation route, ProjectNumber number, CancellationToken ct)
    {
        try
        {
            // Routed only when this run confirmed it: a route that found the number's removal started leaves it to the removal.
            if (await RunAsync(route, RecorderOf(route), ct)) number.MarkReachability(Reachability.Routed, null);
            return null;
        }
        catch (DomainException busy) when (busy.Kind == RefusalKind.Busy)
        {
            // Not refused by anyone: the step is put back as it was, and the worker finishes it.
            return $"{number.Number.Display} is added. The database was busy while its route to {number.Environment.DisplayName()}'s agent " +
                "was being confirmed, so NumbersBot finishes that shortly; the card shows it as being routed until then.";
        }
        catch (DomainException failure)
        {
            return $"{number.Number.Display} is added, but it does not reach {number.Environment.DisplayName()}'s agent yet: {failure.Message} " +
                "NumbersBot keeps trying, and the card shows it as not reachable until then.";
        }
    }

    /// <summary>Runs a step this request recorded (it holds the lease); throws the provider's refusal.</summary>
    public Task RunAsync(TelephonyOperation operation, CancellationToken ct) => RunAsync(operation, RecorderOf(operation), ct);

    /// <summary>The worker: claims every due step nobody holds and runs it. Returns how many were done.</summary>
    public async Task<int> ResumeAsync(CancellationToken ct)
    {
        var owner = $"worker:{ids.NewId():N}";
        var now = clock.GetUtcNow();
        var done = 0;
        foreach (var operation in await operations.ClaimDueAsync(owner, now, now + policy.Lease, 200, ct))
        {
            try
            {
                await RunAsync(operation, owner, ct);
                done++;
            }
            catch (DomainException)
            {
                // Recorded on the operation (and the number, when refused); tried again after its backoff, or at once when the
                // database made it give way. The rest of the batch goes on either way.
            }
        }
        return done;
    }

    /// <summary>
    /// True when the step did what it was for; false when it found its number gone or going, or someone else finished it.
    /// A step the database made give way to another change is put back, due at once, and the refusal thrown.
    /// </summary>
    private async Task<bool> RunAsync(TelephonyOperation operation, string owner, CancellationToken ct)
    {
        try
        {
            return await RunStepAsync(operation, owner, ct);
        }
        catch (DomainException busy) when (busy.Kind == RefusalKind.Busy)
        {
            var what = operation.Step == TelephonyStep.Route ? "route" : "removal";
            var told = $"The database was busy with another change at the same moment, so this {what} of {PhoneNumber.FromStored(operation.E164).Display} " +
                "gave way; NumbersBot runs it again shortly.";
            await PutBackAsync(operations, operation, owner, clock.GetUtcNow(), ct);
            throw new DomainException(RefusalKind.Busy, told, busy);
        }
    }

    /// <summary>
    /// A step (or test call) the database made give way, due again at <paramref name="now"/> for the worker's next run: not after
    /// a backoff, not counted as an attempt, and not told as unreachable: nobody refused anything, and both the provider's part
    /// (idempotent) and the database's (undone) may simply run again.
    /// </summary>
    internal static async Task PutBackAsync(
        ITelephonyOperationRepository operations, TelephonyOperation operation, string owner, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await operations.PutBackAsync(operation.Id, owner, now, ct);
        }
        catch (DomainException busy) when (busy.Kind == RefusalKind.Busy)
        {
            // Busy again: the lease running out puts it back instead.
        }
    }

    private async Task<bool> RunStepAsync(TelephonyOperation operation, string owner, CancellationToken ct)
    {
        // Every step that is not a route would otherwise run as a removal: a test call must never release its number.
        if (operation.Step is not (TelephonyStep.Route or TelephonyStep.Remove))
            throw new InvalidOperationException($"A {operation.Step} step is not a route or a removal; {nameof(TestCallRuns)} runs test calls.");
        var held = owner == RecorderOf(operation) && _routesRecordedHere.Remove(operation.Id, out var recordedHere) ? recordedHere : default;
        var number = held.Number ?? await numbers.FindAsync(operation.NumberId, ct);
        if (operation.Step == TelephonyStep.Route && (number is null || number.Reachability == Reachability.Removing))
        {
            // Gone, or going: routing it now would re-attach a number about to be detached. (A copy kept from the recording
            // unit of work cannot know of a removal since; the route's confirmation checks that in the store.)
            await WithdrawRouteAsync(operation, owner, number, ct);
            return false;
        }
        if (number is null)
        {
            // A removal someone else finished.
            await operations.CompleteAsync(operation.Id, owner, ct);
            return false;
        }
        (bool? Routed, ProjectNumber? Current) route;
        try
        {
            if (operation.Step == TelephonyStep.Remove)
            {
                await RemoveAsync(operation, owner, number, ct);
                return true;
            }
            route = await RouteAsync(operation, owner, number, held.Project, ct);
        }
        catch (DomainException failure) when (failure.Kind is not (RefusalKind.Conflict or RefusalKind.Busy))
        {
            await FailedAsync(operation, owner, number, failure.Message, ct);
            throw;
        }
        if (route.Routed is { } done) return done;
        await WithdrawRouteAsync(operation, owner, route.Current, ct);
        return false;
    }

    /// <summary>
    /// Routes with the number and project as this step has them (read by the worker, or kept from the unit of work that recorded
    /// it), and marks it routed only if the store finds them still current: else it reads both again and acts on what it finds.
    /// Routed: true when routed; false when someone else finished the step; null when the number's removal started or finished
    /// meanwhile, and then Current is the number being removed, or null when it is gone.
    /// </summary>
    private async Task<(bool? Routed, ProjectNumber? Current)> RouteAsync(TelephonyOperation operation, string owner, ProjectNumber number, Project? stored, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var project = stored ?? await projects.FindAsync(number.ProjectId, ct)
                ?? throw DomainException.NotFound($"The project '{number.ProjectId}' no longer exists, so {number.Number.Display} has no SIP addresses to go to.");
            var sip = project.SipFor(number.Environment);
            await telephony.RouteAsync(project.Id, Provisioned(number), number.Environment, sip, ct);
            await using (var work = await unitOfWork.BeginAsync(ct))
            {
                if (await numbers.MarkRoutedAsync(number, sip, ct))
                {
                    if (!await operations.CompleteAsync(operation.Id, owner, ct)) return (false, null);
                    await audit.RecordAsync(Actor.System, AuditedChange.To(number, TelephonyAudit.Routed, null,
                        $"{operation.Reason}; confirmed at the provider: calls go to {sip.Main}, then {sip.Fallback}"), ct);
                    await work.CommitAsync(ct);
                    return (true, null);
                }
            }
            // A removal, or other SIP addresses, committed since the number or project was read: only the rare path reads again.
            var current = await numbers.FindAsync(number.Id, ct);
            if (current is null || current.Reachability == Reachability.Removing) return (null, current);
            if (attempt == MostRoutesPerStep)
                throw DomainException.Conflict($"{number.Number.Display}'s SIP addresses changed while it was being routed; NumbersBot routes it to the current ones shortly.");
            (number, stored) = (current, null);
        }
    }

    // A step's own routes in a row while its project's addresses keep moving; then the worker takes it up after the lease.
    private const int MostRoutesPerStep = 3;

    private async Task RemoveAsync(TelephonyOperation operation, string owner, ProjectNumber number, CancellationToken ct)
    {
        await telephony.ReleaseAsync(number.ProjectId, Provisioned(number), ct);
        await using var work = await unitOfWork.BeginAsync(ct);
        if (!await operations.CompleteAsync(operation.Id, owner, ct)) return;
        await numbers.DeleteAsync(number, ct);
        var outcome = Undone(Provisioned(number));
        var actor = new Actor(UserRef.ParseKey(operation.RequestedBy), operation.RequestedByName);
        await audit.RecordAsync(actor,
            AuditedChange.To(number, AuditActions.NumberDeleted, number.Environment.DisplayName(), $"{operation.Reason}; {outcome}"), ct);
        // Whoever finished it (this request, the worker, a retry), an approval still showing "release failed" says released now.
        var approvalChanged = await approvals.NumberReleasedAsync(number.Id, ct);
        await work.CommitAsync(ct);
        if (approvalChanged) await approvalSignal.ChangedAsync(ct);
    }

    private async Task FailedAsync(TelephonyOperation operation, string owner, ProjectNumber number, string problem, CancellationToken ct)
    {
        await using var work = await unitOfWork.BeginAsync(ct);
        await operations.RetryLaterAsync(operation.Id, owner, problem, clock.GetUtcNow() + TelephonyWorkPolicy.Backoff(operation.Attempts), ct);
        var state = operation.Step == TelephonyStep.Route ? Reachability.Unreachable : Reachability.Removing;
        // Audited when the problem changes, not on every retry, so history stays readable; and only when stored: a number
        // whose removal started since this copy was read stays Removing, and its history must not say it is retried.
        if ((number.Reachability != state || number.Problem != problem) && await numbers.SetReachabilityAsync(number.Id, state, problem, ct))
        {
            number.MarkReachability(state, problem);
            var action = operation.Step == TelephonyStep.Route ? TelephonyAudit.Unreachable : TelephonyAudit.RemovalFailed;
            await audit.RecordAsync(Actor.System, AuditedChange.To(number, action, null, $"{problem} NumbersBot tries again."), ct);
        }
        await work.CommitAsync(ct);
    }

    private async Task<TelephonyOperation> RecordAsync(TelephonyStep step, ProjectNumber number, Actor actor, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The number as the provider knows it goes with the step: a route may have to be taken back after the number's row is gone.
        var operation = new TelephonyOperation(ids.NewId(), step, number.Id, number.ProjectId, number.Number.E164, number.Environment,
            reason, actor.User.Key, actor.DisplayName, now, now, ProviderReference: number.ProviderReference, Source: number.Source, Simulated: number.Simulated);
        await operations.AddAsync(operation, RecorderOf(operation), now + policy.Lease, ct);
        return operation;
    }

    private static string RecorderOf(TelephonyOperation operation) => $"request:{operation.Id:N}";

    public static ProvisionedNumber Provisioned(ProjectNumber number) =>
        new(number.Number, number.Source, number.ProviderReference, number.Simulated);
}
