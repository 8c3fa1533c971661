using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Domain.Telephony;

/// <summary>A test call as written down; <paramref name="IsNew"/> false when the request recorded it on an earlier run.</summary>
public sealed record RecordedTestCall(TelephonyOperation Operation, int UsedToday, bool IsNew);

/// <summary>
/// Test calls as telephony steps: written down (with the daily cap and the one-per-number rule) before the call is
/// placed, its SID stored as soon as Twilio gives it, and finished by looking the call up by that SID: by the request
/// that placed it, by that request run again after a crash, or by the telephony worker. A call is never placed twice
/// for one record; each is audited once, by whoever finishes it.
/// </summary>
public sealed class TestCallRuns(
    ITelephonyOperationRepository operations,
    INumberRepository numbers,
    ITestCalls calls,
    IUnitOfWork unitOfWork,
    AuditLog audit,
    TestCallPolicy policy,
    TelephonyWorkPolicy work,
    TimeProvider clock,
    IIdSource ids)
{
    public const string LostBeforePlaced =
        "NumbersBot stopped before Twilio confirmed the call, so it is not known whether it rang; it is not placed again. Try Test call again.";

    /// <summary>A call this request finished before without a SID: refused by the provider, or lost in a crash; its history entry says which.</summary>
    public static string NotPlacedBefore(string e164) =>
        $"this request's test call was not placed; `history {e164}` says why. Try Test call again.";

    public TestCallPolicy Policy => policy;

    /// <summary>
    /// The call this request records now (counted against the project's day, written down before it is placed), or the one
    /// it recorded before when it runs again after a crash. Refused when the project has used today's test calls, or another
    /// test call to the number is under way.
    /// </summary>
    public async Task<RecordedTestCall> RecordAsync(ProjectNumber number, string projectName, Actor actor, string requestKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var operation = new TelephonyOperation(ids.NewId(), TelephonyStep.TestCall, number.Id, number.ProjectId, number.Number.E164, number.Environment,
            "test call", actor.User.Key, actor.DisplayName, now, now, RequestKey: requestKey);
        int? used;
        await using (var unit = await unitOfWork.BeginAsync(ct))
        {
            used = await operations.CountTestCallAsync(number.ProjectId, Day(now), policy.PerDay, ct);
            if (used is { } counted && await TryAddAsync(operation, now, ct))
            {
                await unit.CommitAsync(ct);
                return new RecordedTestCall(operation, counted, IsNew: true);
            }
        }
        // Nothing was recorded or counted (the unit rolled back): this request's own call from an earlier run, or a refusal.
        if (await operations.FindByRequestKeyAsync(requestKey, ct) is { } recorded)
            return new RecordedTestCall(recorded, await UsedTodayAsync(number.ProjectId, ct), IsNew: false);
        throw used is null ? CapReached(projectName, now) : await AlreadyRunningAsync(number, ct);
    }

    /// <summary>Test calls the project has had since midnight UTC.</summary>
    public Task<int> UsedTodayAsync(string projectId, CancellationToken ct) => operations.TestCallsOnAsync(projectId, Day(clock.GetUtcNow()), ct);

    /// <summary>False when the unique indexes refuse it: its request key is recorded, or another call to the number is pending.</summary>
    private async Task<bool> TryAddAsync(TelephonyOperation operation, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await operations.AddAsync(operation, Recorder(operation), now + work.Lease, ct);
            return true;
        }
        catch (DomainException refused) when (refused.Kind == RefusalKind.Conflict)
        {
            return false;
        }
    }

    /// <summary>Places the call this request recorded and waits for how it ended; null when it was still going after <see cref="TestCallPolicy.WaitAtMost"/>.</summary>
    public async Task<TestCallOutcome?> PlaceAsync(TelephonyOperation operation, ProjectNumber number, CancellationToken ct)
    {
        var owner = Recorder(operation);
        string reference;
        try
        {
            reference = await calls.PlaceAsync(TelephonySteps.Provisioned(number), ct);
        }
        catch (DomainException refused)
        {
            var notPlaced = new TestCallOutcome(TestCallStatus.NotPlaced, ProviderCode: refused.ProviderCode, ProviderMessage: refused.Message);
            // Refused, nothing rang and nothing is billed, so the call gives its place in the day's count back; an answer
            // that never came may hide a call that rang, so that one still counts.
            await FinishAsync(operation, owner, notPlaced, ct, givesBackItsCount: refused.Kind != RefusalKind.OutcomeUnknown);
            return notPlaced;
        }
        await operations.SetProviderReferenceAsync(operation.Id, owner, reference, ct);
        return await WaitAsync(operation with { ProviderReference = reference }, owner, ct, TelephonySteps.Provisioned(number));
    }

    /// <summary>
    /// The outcome of a test call this request recorded before (it ran again after a crash): looked up by its SID,
    /// never placed again. Null while the call is still going.
    /// </summary>
    public async Task<TestCallOutcome?> ResumeAsync(TelephonyOperation recorded, CancellationToken ct)
    {
        if (recorded.State == OperationState.Done)
            return recorded.ProviderReference is { } reference
                ? await calls.OutcomeAsync(recorded.ProjectId, Provisioned(recorded, await numbers.FindAsync(recorded.NumberId, ct)), reference, ct)
                : new TestCallOutcome(TestCallStatus.NotPlaced, ProviderMessage: NotPlacedBefore(recorded.E164));
        var owner = $"request:{ids.NewId():N}";
        var now = clock.GetUtcNow();
        if (!await operations.TryTakeAsync(recorded.Id, owner, now, now + work.Lease, ct))
            throw new DomainException(RefusalKind.OutcomeUnknown,
                $"The test call to {PhoneNumber.FromStored(recorded.E164).Display} is being finished by another NumbersBot worker; `history {recorded.E164}` shows its result in a moment.");
        return await WaitAsync(recorded, owner, ct);
    }

    /// <summary>The worker: finishes test calls whose request died, by their SID. Returns how many it finished.</summary>
    public async Task<int> ResumeOrphansAsync(CancellationToken ct)
    {
        var owner = $"worker:{ids.NewId():N}";
        var now = clock.GetUtcNow();
        var finished = 0;
        foreach (var operation in await operations.ClaimDueTestCallsAsync(owner, now, now + work.Lease, 50, ct))
        {
            try
            {
                if (await WaitAsync(operation, owner, ct) is not null) finished++;
            }
            catch (DomainException)
            {
                // Twilio could not be asked: the lease runs out and the next run asks again. (The database undoing its finish
                // put it back already: FinishAsync.)
            }
        }
        return finished;
    }

    /// <param name="number">The number as the caller already read it; read again when null.</param>
    private async Task<TestCallOutcome?> WaitAsync(TelephonyOperation operation, string owner, CancellationToken ct, ProvisionedNumber? number = null)
    {
        if (operation.ProviderReference is not { } reference)
        {
            // Died between recording the call and storing its SID: calling again could ring the number twice.
            var unknown = new TestCallOutcome(TestCallStatus.NotPlaced, ProviderMessage: LostBeforePlaced);
            await FinishAsync(operation, owner, unknown, ct);
            return unknown;
        }
        number ??= Provisioned(operation, await numbers.FindAsync(operation.NumberId, ct));
        var giveUpAt = clock.GetUtcNow() + policy.WaitAtMost;
        while (true)
        {
            if (await calls.OutcomeAsync(operation.ProjectId, number, reference, ct) is { } outcome)
            {
                await FinishAsync(operation, owner, outcome, ct);
                return outcome;
            }
            if (clock.GetUtcNow() >= giveUpAt) return null;
            await Task.Delay(policy.CheckEvery, clock, ct);
        }
    }

    /// <summary>
    /// Whoever runs it (the request, its run again, the worker): a finish the database undid puts the call back, due at once, and
    /// the refusal is thrown. Held until its lease ran out, the request's run again would be told another worker finishes it.
    /// </summary>
    private async Task FinishAsync(TelephonyOperation operation, string owner, TestCallOutcome outcome, CancellationToken ct, bool givesBackItsCount = false)
    {
        try
        {
            await FinishOnceAsync(operation, owner, outcome, givesBackItsCount, ct);
        }
        catch (DomainException busy) when (busy.Kind == RefusalKind.Busy)
        {
            // Asking Twilio again changes nothing, so the next run may as well be now.
            await TelephonySteps.PutBackAsync(operations, operation, owner, clock.GetUtcNow(), ct);
            throw;
        }
    }

    private async Task FinishOnceAsync(TelephonyOperation operation, string owner, TestCallOutcome outcome, bool givesBackItsCount, CancellationToken ct)
    {
        await using var unit = await unitOfWork.BeginAsync(ct);
        // Whoever completes it audits it (and gives its count back): once, however many tried.
        if (!await operations.CompleteAsync(operation.Id, owner, ct)) return;
        if (givesBackItsCount) await operations.UncountTestCallAsync(operation.ProjectId, Day(operation.CreatedAt), ct);
        var requester = new Actor(UserRef.ParseKey(operation.RequestedBy), operation.RequestedByName);
        var number = PhoneNumber.FromStored(operation.E164);
        await audit.RecordAsync(requester, new AuditedChange(TelephonyAudit.TestCall, operation.ProjectId, operation.E164, operation.Environment,
            After: outcome.Describe(number) + (operation.ProviderReference is { } sid ? $" (call {sid})" : "")), ct);
        await unit.CommitAsync(ct);
    }

    private async Task<DomainException> AlreadyRunningAsync(ProjectNumber number, CancellationToken ct)
    {
        var running = await operations.FindPendingAsync(number.Id, TelephonyStep.TestCall, ct);
        var by = running is null ? "" : $" (started by {running.RequestedByName} at {running.CreatedAt:HH:mm:ss} UTC)";
        return DomainException.Conflict($"A test call to {number.Number.Display} is already under way{by}; its card shows the result. No second call was placed.");
    }

    private DomainException CapReached(string projectName, DateTimeOffset now)
    {
        var resets = DayStart(now).AddDays(1);
        var wait = resets - now;
        return DomainException.Conflict(
            $"{projectName} has placed its {policy.PerDay} test calls for today, the most Twilio:TestCalls:PerDay allows, so no call was placed. " +
            $"The count starts again at 00:00 UTC, in {(int)wait.TotalHours} h {wait.Minutes} min.");
    }

    private static DateTimeOffset DayStart(DateTimeOffset now) => new(now.UtcDateTime.Date, TimeSpan.Zero);

    private static DateOnly Day(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    private static ProvisionedNumber Provisioned(TelephonyOperation operation, ProjectNumber? number) =>
        number is not null ? TelephonySteps.Provisioned(number)
            : new ProvisionedNumber(PhoneNumber.FromStored(operation.E164), NumberSource.Platform, "", Simulated: false);

    private static string Recorder(TelephonyOperation operation) => $"request:{operation.Id:N}";
}
