namespace NumbersBot.Domain.Tests;

/// <summary>The worker's part of test calls: finishing, by their SID, calls whose request stopped.</summary>
public sealed class TestCallRunsTests
{
    private readonly DomainWorld _world = new();

    [Fact]
    public async Task An_orphaned_test_call_whose_finish_the_database_made_give_way_is_due_again_at_once_and_the_rest_of_its_batch_is_finished()
    {
        var first = await OrphanedCallAsync(await _world.NumberIn(AgentEnvironment.Sandbox));
        var second = await OrphanedCallAsync(await _world.NumberIn(AgentEnvironment.Sandbox));
        _world.Clock.Advance(TelephonyWorkPolicy.Default.Lease);
        var runs = new TestCallRuns(_world.Operations, _world.Numbers, new AnsweredCalls(), _world.UnitOfWork,
            new AuditLog(_world.Audit, _world.Clock, _world.Ids), TestCallPolicy.Default, TelephonyWorkPolicy.Default, _world.Clock, _world.Ids);
        _world.Operations.GiveWayAtNextCompletion = new DomainException(RefusalKind.Busy, "The database was busy.");

        Assert.Equal(1, await runs.ResumeOrphansAsync(DomainWorld.Ct));

        var putBack = Assert.Single(_world.Operations.All, o => o.State == OperationState.Pending);
        Assert.Contains(putBack.Id, new[] { first.Id, second.Id });
        Assert.Equal(_world.Clock.GetUtcNow(), putBack.DueAt); // not leased for another five minutes
        Assert.Equal(1, await runs.ResumeOrphansAsync(DomainWorld.Ct));
        Assert.Equal(2, _world.Audit.Entries.Count(e => e.Action == TelephonyAudit.TestCall));
    }

    [Fact]
    public async Task A_test_call_whose_finish_the_database_made_give_way_is_finished_by_the_request_run_again_at_once_not_said_to_be_another_workers()
    {
        var placed = await OrphanedCallAsync(await _world.NumberIn(AgentEnvironment.Sandbox));
        var call = (await _world.Operations.FindByRequestKeyAsync(placed.RequestKey!, DomainWorld.Ct))!; // as the request run again finds it
        _world.Clock.Advance(TelephonyWorkPolicy.Default.Lease);
        var runs = new TestCallRuns(_world.Operations, _world.Numbers, new AnsweredCalls(), _world.UnitOfWork,
            new AuditLog(_world.Audit, _world.Clock, _world.Ids), TestCallPolicy.Default, TelephonyWorkPolicy.Default, _world.Clock, _world.Ids);
        _world.Operations.GiveWayAtNextCompletion = new DomainException(RefusalKind.Busy, "The database was busy.");
        Assert.Equal(RefusalKind.Busy, (await Assert.ThrowsAsync<DomainException>(() => runs.ResumeAsync(call, DomainWorld.Ct))).Kind);

        var outcome = await runs.ResumeAsync(call, DomainWorld.Ct);

        Assert.Equal(TestCallStatus.Answered, outcome?.Status);
        Assert.Single(_world.Audit.Entries, e => e.Action == TelephonyAudit.TestCall);
    }

    /// <summary>A test call placed (its SID stored) by a request that then stopped.</summary>
    private async Task<TelephonyOperation> OrphanedCallAsync(ProjectNumber number)
    {
        var now = _world.Clock.GetUtcNow();
        var call = new TelephonyOperation(Guid.NewGuid(), TelephonyStep.TestCall, number.Id, number.ProjectId, number.Number.E164, number.Environment,
            "test call", _world.Mel.User.Key, _world.Mel.DisplayName, now, now, RequestKey: $"click-{number.Id:N}");
        await _world.Operations.AddAsync(call, $"request:{call.Id:N}", now + TelephonyWorkPolicy.Default.Lease, DomainWorld.Ct);
        Assert.True(await _world.Operations.SetProviderReferenceAsync(call.Id, $"request:{call.Id:N}", $"CA{number.Id:N}", DomainWorld.Ct));
        return call;
    }

    private sealed class AnsweredCalls : ITestCalls
    {
        public Task<string> PlaceAsync(ProvisionedNumber number, CancellationToken ct) => throw new InvalidOperationException("An orphan is never placed again.");

        public Task<TestCallOutcome?> OutcomeAsync(string projectId, ProvisionedNumber number, string reference, CancellationToken ct) =>
            Task.FromResult<TestCallOutcome?>(new TestCallOutcome(TestCallStatus.Answered, TimeSpan.FromSeconds(2)));
    }
}
