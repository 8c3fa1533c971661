namespace NumbersBot.Domain.Tests;

/// <summary>Steps are written down before they run, and whatever the recorder did not finish the worker does, once.</summary>
public sealed class TelephonyStepsTests
{
    private readonly DomainWorld _world = new();

    [Fact]
    public async Task A_reroute_recorded_with_new_SIP_addresses_and_never_run_is_done_by_the_worker_once_its_lease_runs_out()
    {
        var live = await _world.NumberIn(AgentEnvironment.Live);
        await _world.NumberIn(AgentEnvironment.Sandbox);
        _world.Telephony.Routed.Clear();
        var sip = new SipAddresses("sip:new@acme.example.com", "sip:backup@acme.example.com");
        var project = (await _world.Projects.FindAsync("acme", DomainWorld.Ct))!;
        project.SetSip(AgentEnvironment.Live, sip);
        // The request stops right after its commit: the addresses and the step are recorded, nothing ran.
        await using (var work = await _world.UnitOfWork.BeginAsync(DomainWorld.Ct))
        {
            await _world.Projects.SaveAsync(project, DomainWorld.Ct);
            await _world.Steps.RecordRerouteAsync(_world.Project.Id, AgentEnvironment.Live, _world.Ada, "SIP addresses changed", DomainWorld.Ct);
            await work.CommitAsync(DomainWorld.Ct);
        }
        Assert.Equal(Reachability.Routing, _world.Numbers.Stored(live.Id)!.Reachability);

        Assert.Equal(0, await _world.Steps.ResumeAsync(DomainWorld.Ct)); // still the recorder's
        _world.Clock.Advance(TelephonyWorkPolicy.Default.Lease);
        Assert.Equal(1, await _world.Steps.ResumeAsync(DomainWorld.Ct));
        Assert.Equal(0, await _world.Steps.ResumeAsync(DomainWorld.Ct));

        var routed = Assert.Single(_world.Telephony.Routed);
        Assert.Equal((live.Number, sip), (routed.Number.Number, routed.Sip));
        Assert.Equal(Reachability.Routed, _world.Numbers.Stored(live.Id)!.Reachability);
        Assert.Contains(_world.Audit.Entries, e => e.Action == TelephonyAudit.Routed && e.Number == live.Number.E164 && e.After!.StartsWith("SIP addresses changed"));
    }

    [Fact]
    public async Task A_removal_the_provider_refused_keeps_the_number_listed_as_being_removed_until_the_worker_finishes_it()
    {
        var number = await _world.NumberIn(AgentEnvironment.Sandbox);
        _world.Telephony.RefuseReleasing = "Twilio error 20500.";

        await Assert.ThrowsAsync<DomainException>(() => _world.Steps.RemoveAsync(_world.Mel, _world.Numbers.Stored(number.Id)!, "deleted", DomainWorld.Ct));

        var listed = _world.Numbers.Stored(number.Id)!;
        Assert.Equal((Reachability.Removing, "Twilio error 20500."), (listed.Reachability, listed.Problem));
        _world.Telephony.RefuseReleasing = null;
        _world.Clock.Advance(TelephonyWorkPolicy.Backoff(0));
        Assert.Equal(1, await _world.Steps.ResumeAsync(DomainWorld.Ct));
        Assert.Null(_world.Numbers.Stored(number.Id));
        var deleted = _world.Audit.Entries[^1];
        Assert.Equal((AuditActions.NumberDeleted, "local:mel", "deleted; released to the pool"), (deleted.Action, deleted.ActorKey, deleted.After));
    }

    [Fact]
    public async Task A_route_step_for_a_number_being_removed_does_nothing()
    {
        var number = await _world.NumberIn(AgentEnvironment.Sandbox);
        _world.Telephony.Routed.Clear();
        await using (var work = await _world.UnitOfWork.BeginAsync(DomainWorld.Ct))
        {
            await _world.Steps.RecordRouteAsync(_world.Numbers.Stored(number.Id)!, Actor.System, "drift check", DomainWorld.Ct);
            await _world.Steps.RecordRemovalAsync(_world.Numbers.Stored(number.Id)!, _world.Mel, "deleted", DomainWorld.Ct);
            await work.CommitAsync(DomainWorld.Ct);
        }
        _world.Clock.Advance(TelephonyWorkPolicy.Default.Lease);

        Assert.Equal(2, await _world.Steps.ResumeAsync(DomainWorld.Ct));

        Assert.Empty(_world.Telephony.Routed);
        Assert.Null(_world.Numbers.Stored(number.Id));
    }

    [Fact]
    public async Task A_route_overtaken_by_a_change_of_SIP_addresses_and_its_reroute_goes_to_the_new_addresses_after_all()
    {
        var moved = new SipAddresses("sip:moved@acme.voice.example.com", "sip:moved-fallback@acme.voice.example.com");
        // Between the number's commit and its route reaching the provider, an admin moves Sandbox, and that re-route lands first.
        _world.Telephony.BeforeNextRoute = () => _world.Handle(new SetSipAddresses(_world.Ada, _world.Project.Id, AgentEnvironment.Sandbox, moved.Main, moved.Fallback));

        var number = await _world.NumberIn(AgentEnvironment.Sandbox);

        Assert.Equal(moved, _world.Telephony.Routed.Last(r => r.Number.Number == number.Number).Sip);
        Assert.Equal(Reachability.Routed, _world.Numbers.Stored(number.Id)!.Reachability);
        Assert.DoesNotContain(_world.Audit.Entries, e => e.Action == TelephonyAudit.Routed && e.After!.Contains(DomainWorld.SipOf("sandbox").Main));
    }

    [Fact]
    public async Task A_number_whose_removal_starts_while_it_is_being_routed_stays_being_removed()
    {
        _world.Telephony.BeforeNextRoute = async () =>
        {
            _world.Telephony.RefuseReleasing = "Twilio error 20500.";
            await Assert.ThrowsAsync<DomainException>(() => _world.Delete(Assert.Single(_world.Numbers.All)));
        };

        var number = await _world.NumberIn(AgentEnvironment.Sandbox);

        var listed = _world.Numbers.Stored(number.Id)!;
        Assert.Equal((Reachability.Removing, "Twilio error 20500."), (listed.Reachability, listed.Problem));
        Assert.DoesNotContain(_world.Audit.Entries, e => e.Action == TelephonyAudit.Routed);
        _world.Telephony.RefuseReleasing = null;
        _world.Clock.Advance(TelephonyWorkPolicy.Backoff(0));
        Assert.Equal(2, await _world.Steps.ResumeAsync(DomainWorld.Ct)); // the removal, and the route taken off again: refused too, so retried
        Assert.Null(_world.Numbers.Stored(number.Id));
        Assert.Empty(await _world.Operations.ListPendingAsync(DomainWorld.Ct));
    }

    [Fact]
    public async Task A_route_refused_after_the_numbers_removal_started_does_not_tell_its_history_it_is_retried()
    {
        _world.Telephony.BeforeNextRoute = async () =>
        {
            _world.Telephony.RefuseReleasing = "Twilio error 20500.";
            await Assert.ThrowsAsync<DomainException>(() => _world.Delete(Assert.Single(_world.Numbers.All)));
            _world.Telephony.RefuseRouting = "Twilio error 21210.";
        };

        var number = await _world.NumberIn(AgentEnvironment.Sandbox);

        var listed = _world.Numbers.Stored(number.Id)!;
        Assert.Equal((Reachability.Removing, "Twilio error 20500."), (listed.Reachability, listed.Problem));
        Assert.DoesNotContain(_world.Audit.Entries, e => e.Action == TelephonyAudit.Unreachable);
    }

    [Fact]
    public async Task A_number_added_while_someone_removes_it_is_not_shown_as_reaching_the_agent()
    {
        _world.Telephony.BeforeNextRoute = () => _world.Delete(Assert.Single(_world.Numbers.All));

        var added = await _world.Add(AgentEnvironment.Sandbox);

        Assert.Null(_world.Numbers.Stored(added.Number.Id));
        Assert.NotEqual(Reachability.Routed, added.Number.Reachability);
    }

    [Fact]
    public async Task A_number_removed_while_its_route_is_on_the_way_is_released_again_after_the_route()
    {
        _world.Telephony.BeforeNextRoute = () => _world.Delete(Assert.Single(_world.Numbers.All));

        var number = await _world.NumberIn(AgentEnvironment.Sandbox);

        Assert.Null(_world.Numbers.Stored(number.Id));
        Assert.Single(_world.Telephony.Routed);
        Assert.Equal(2, _world.Telephony.Released.Count(n => n.Number == number.Number));
        Assert.Empty(await _world.Operations.ListPendingAsync(DomainWorld.Ct));
    }

    [Fact]
    public async Task A_route_whose_process_died_after_it_reached_the_provider_while_the_number_was_removed_is_taken_off_by_the_worker()
    {
        var twilio = _world.Telephony.CustomerHas("+14155550123");
        await _world.Handle(new ConnectNumber(_world.Mel, _world.Project.Id, AgentEnvironment.Sandbox, "+14155550123", null));
        var number = Assert.Single(_world.Numbers.All);
        // A re-route is recorded, reaches the provider after the removal below detached the number, and its process dies before it can say so.
        await using (var work = await _world.UnitOfWork.BeginAsync(DomainWorld.Ct))
        {
            await _world.Steps.RecordRouteAsync(number, Actor.System, "drift check", DomainWorld.Ct);
            await work.CommitAsync(DomainWorld.Ct);
        }
        await _world.Delete(_world.Numbers.Stored(number.Id)!);
        Assert.Null(_world.Numbers.Stored(number.Id));
        _world.Clock.Advance(TelephonyWorkPolicy.Default.Lease);

        await _world.Steps.ResumeAsync(DomainWorld.Ct);

        var released = _world.Telephony.Released.Where(n => n.Number.E164 == "+14155550123").ToList();
        Assert.Equal(2, released.Count); // the removal's detach, then the route's own
        Assert.Equal(twilio, released[^1]);
        Assert.Empty(await _world.Operations.ListPendingAsync(DomainWorld.Ct));
        var withdrawn = _world.Audit.Entries[^1];
        Assert.Equal((TelephonyAudit.RouteWithdrawn, "+14155550123", "local:numbersbot"), (withdrawn.Action, withdrawn.Number, withdrawn.ActorKey));
        Assert.Equal("drift check; the number was being removed, so it was taken off again in case this route had reached the provider: " +
            "detached, still in the customer's Twilio account", withdrawn.After);
    }

    [Fact]
    public async Task A_number_connected_again_after_its_removal_is_routed_again_not_detached_by_a_route_from_before_the_removal()
    {
        var twilio = _world.Telephony.CustomerHas("+14155550123");
        var connect = new ConnectNumber(_world.Mel, _world.Project.Id, AgentEnvironment.Sandbox, "+14155550123", null);
        var first = (await _world.Handle(connect)).Number;
        // A re-route is recorded and its process dies; meanwhile the number is removed, and connected again (the same SID, a new row).
        await using (var work = await _world.UnitOfWork.BeginAsync(DomainWorld.Ct))
        {
            await _world.Steps.RecordRouteAsync(first, Actor.System, "drift check", DomainWorld.Ct);
            await work.CommitAsync(DomainWorld.Ct);
        }
        await _world.Delete(_world.Numbers.Stored(first.Id)!);
        var again = (await _world.Handle(connect)).Number;
        _world.Telephony.Routed.Clear();
        _world.Clock.Advance(TelephonyWorkPolicy.Default.Lease);

        await _world.Steps.ResumeAsync(DomainWorld.Ct);

        Assert.Single(_world.Telephony.Released); // the removal's detach only
        var routed = Assert.Single(_world.Telephony.Routed);
        Assert.Equal((twilio, AgentEnvironment.Sandbox, DomainWorld.SipOf("sandbox")), (routed.Number, routed.Environment, routed.Sip));
        Assert.Equal(Reachability.Routed, _world.Numbers.Stored(again.Id)!.Reachability);
        Assert.Empty(await _world.Operations.ListPendingAsync(DomainWorld.Ct));
        Assert.Equal(TelephonyAudit.Routed, _world.Audit.Entries[^1].Action);
    }

    [Fact]
    public async Task A_route_from_before_the_removal_is_still_taken_off_when_the_number_is_listed_again_under_another_SID()
    {
        var twilio = _world.Telephony.CustomerHas("+14155550123");
        var first = (await _world.Handle(new ConnectNumber(_world.Mel, _world.Project.Id, AgentEnvironment.Sandbox, "+14155550123", null))).Number;
        await using (var work = await _world.UnitOfWork.BeginAsync(DomainWorld.Ct))
        {
            await _world.Steps.RecordRouteAsync(first, Actor.System, "drift check", DomainWorld.Ct);
            await work.CommitAsync(DomainWorld.Ct);
        }
        await _world.Delete(_world.Numbers.Stored(first.Id)!);
        // Listed again from another account: another number at the provider, which the route from before never touched.
        _world.AddProject("globex", "Globex");
        _world.SeedNumber("globex", "+14155550123", AgentEnvironment.Live);
        _world.Telephony.Routed.Clear();
        _world.Clock.Advance(TelephonyWorkPolicy.Default.Lease);

        await _world.Steps.ResumeAsync(DomainWorld.Ct);

        Assert.Equal(twilio, _world.Telephony.Released[^1]);
        Assert.Equal(2, _world.Telephony.Released.Count); // the removal's detach, then the route's own
        Assert.Empty(_world.Telephony.Routed);
        Assert.Equal(TelephonyAudit.RouteWithdrawn, _world.Audit.Entries[^1].Action);
    }

    [Fact]
    public async Task A_number_removed_and_connected_again_while_its_route_was_on_the_way_is_routed_again_not_detached()
    {
        var twilio = _world.Telephony.CustomerHas("+14155550123");
        var connect = new ConnectNumber(_world.Mel, _world.Project.Id, AgentEnvironment.Sandbox, "+14155550123", null);
        _world.Telephony.BeforeNextRoute = async () =>
        {
            await _world.Delete(Assert.Single(_world.Numbers.All));
            await _world.Handle(connect);
        };

        await _world.Handle(connect);

        var again = Assert.Single(_world.Numbers.All);
        Assert.Single(_world.Telephony.Released); // the removal's detach only
        Assert.Equal(twilio, _world.Telephony.Routed[^1].Number); // routed again after the route from before the removal landed
        Assert.Equal(Reachability.Routed, again.Reachability);
        Assert.Empty(await _world.Operations.ListPendingAsync(DomainWorld.Ct));
    }

    [Fact]
    public async Task A_route_that_cannot_be_taken_off_after_its_number_was_removed_stays_recorded_and_is_retried_until_the_provider_confirms()
    {
        _world.Telephony.BeforeNextRoute = async () =>
        {
            await _world.Delete(Assert.Single(_world.Numbers.All));
            _world.Telephony.RefuseReleasing = "Twilio error 20500.";
        };

        var number = await _world.NumberIn(AgentEnvironment.Sandbox);

        Assert.Null(_world.Numbers.Stored(number.Id));
        var pending = Assert.Single(await _world.Operations.ListPendingAsync(DomainWorld.Ct));
        Assert.Equal((TelephonyStep.Route, 1, "Twilio error 20500."), (pending.Step, pending.Attempts, pending.LastError));
        var failed = _world.Audit.Entries[^1];
        Assert.Equal((TelephonyAudit.RemovalFailed, number.Number.E164), (failed.Action, failed.Number));
        Assert.StartsWith("Twilio error 20500. A route reached the provider after the number was removed;", failed.After);

        _world.Clock.Advance(TelephonyWorkPolicy.Backoff(0));
        Assert.Equal(0, await _world.Steps.ResumeAsync(DomainWorld.Ct)); // still refused: not done, not told twice
        Assert.Single(_world.Audit.Entries, e => e.Action == TelephonyAudit.RemovalFailed);
        _world.Telephony.RefuseReleasing = null;
        _world.Clock.Advance(TelephonyWorkPolicy.Backoff(1));
        Assert.Equal(1, await _world.Steps.ResumeAsync(DomainWorld.Ct));

        Assert.Empty(await _world.Operations.ListPendingAsync(DomainWorld.Ct));
        Assert.Equal(2, _world.Telephony.Released.Count(n => n.Number == number.Number)); // the removal's release, then the route's own
        Assert.Equal(TelephonyAudit.RouteWithdrawn, _world.Audit.Entries[^1].Action);
        Assert.EndsWith(": released to the pool", _world.Audit.Entries[^1].After);
    }

    [Fact]
    public async Task A_test_call_handed_to_the_route_and_removal_runner_is_refused_and_never_releases_the_number()
    {
        var number = await _world.NumberIn(AgentEnvironment.Sandbox);
        var now = _world.Clock.GetUtcNow();
        var call = new TelephonyOperation(Guid.NewGuid(), TelephonyStep.TestCall, number.Id, number.ProjectId, number.Number.E164, number.Environment,
            "test call", _world.Mel.User.Key, _world.Mel.DisplayName, now, now, RequestKey: "click-1");
        await _world.Operations.AddAsync(call, $"request:{call.Id:N}", now + TelephonyWorkPolicy.Default.Lease, DomainWorld.Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _world.Steps.RunAsync(call, DomainWorld.Ct));

        Assert.Empty(_world.Telephony.Released);
        Assert.NotNull(_world.Numbers.Stored(number.Id));
        Assert.Equal(OperationState.Pending, Assert.Single(_world.Operations.All, o => o.Id == call.Id).State);
    }

    /// <summary>What the store throws for a deadlock victim (on PostgreSQL, PostgresDeadlockTests shows it from a real one).</summary>
    private static DomainException GaveWay() => new(RefusalKind.Busy, "The database was busy: another change reached the same records at the same moment.");

    [Fact]
    public async Task A_worker_step_the_database_made_give_way_is_due_again_at_once_and_the_rest_of_its_batch_is_done()
    {
        var first = await _world.NumberIn(AgentEnvironment.Live);
        var second = await _world.NumberIn(AgentEnvironment.Live);
        var project = (await _world.Projects.FindAsync(_world.Project.Id, DomainWorld.Ct))!;
        project.SetSip(AgentEnvironment.Live, new SipAddresses("sip:new@acme.example.com", "sip:backup@acme.example.com"));
        await using (var work = await _world.UnitOfWork.BeginAsync(DomainWorld.Ct))
        {
            await _world.Projects.SaveAsync(project, DomainWorld.Ct);
            await _world.Steps.RecordRerouteAsync(project.Id, AgentEnvironment.Live, _world.Ada, "SIP addresses changed", DomainWorld.Ct);
            await work.CommitAsync(DomainWorld.Ct);
        }
        _world.Clock.Advance(TelephonyWorkPolicy.Default.Lease); // the SIP change's own runs never happened: the worker has both
        _world.Numbers.GiveWayAtNextConfirmation = GaveWay();

        Assert.Equal(1, await _world.Steps.ResumeAsync(DomainWorld.Ct));

        var putBack = Assert.Single(await _world.Operations.ListPendingAsync(DomainWorld.Ct));
        Assert.Equal(_world.Clock.GetUtcNow(), putBack.DueAt);
        var waiting = _world.Numbers.Stored(putBack.NumberId)!;
        Assert.Equal((Reachability.Routing, null), (waiting.Reachability, waiting.Problem)); // nobody refused it: not told as unreachable
        Assert.DoesNotContain(_world.Audit.Entries, e => e.Action == TelephonyAudit.Unreachable);
        Assert.Equal(1, await _world.Steps.ResumeAsync(DomainWorld.Ct));
        Assert.All([first, second], n => Assert.Equal(Reachability.Routed, _world.Numbers.Stored(n.Id)!.Reachability));
    }

    [Fact]
    public async Task A_step_the_database_made_give_way_is_not_counted_as_an_attempt_so_a_refusal_after_it_waits_the_first_backoff()
    {
        _world.Numbers.GiveWayAtNextConfirmation = GaveWay();
        await _world.Add(AgentEnvironment.Sandbox);
        var putBack = Assert.Single(await _world.Operations.ListPendingAsync(DomainWorld.Ct));
        Assert.Equal((0, null), (putBack.Attempts, putBack.LastError));
        _world.Telephony.RefuseRouting = "Twilio error 21210.";

        Assert.Equal(0, await _world.Steps.ResumeAsync(DomainWorld.Ct));

        var refused = Assert.Single(await _world.Operations.ListPendingAsync(DomainWorld.Ct));
        Assert.Equal((1, _world.Clock.GetUtcNow() + TelephonyWorkPolicy.Backoff(0)), (refused.Attempts, refused.DueAt));
    }

    [Fact]
    public async Task A_number_bought_while_the_database_makes_its_route_give_way_is_added_and_said_to_be_routed_shortly()
    {
        _world.Numbers.GiveWayAtNextConfirmation = GaveWay();

        var added = await _world.Add(AgentEnvironment.Sandbox);

        Assert.Equal($"{added.Number.Number.Display} is added. The database was busy while its route to Sandbox's agent was being confirmed, " +
            "so NumbersBot finishes that shortly; the card shows it as being routed until then.", added.Warning);
        Assert.Equal(Reachability.Routing, added.Number.Reachability);
        Assert.Equal(_world.Clock.GetUtcNow(), Assert.Single(await _world.Operations.ListPendingAsync(DomainWorld.Ct)).DueAt);
        Assert.Equal(1, await _world.Steps.ResumeAsync(DomainWorld.Ct));
        Assert.Equal(Reachability.Routed, _world.Numbers.Stored(added.Number.Id)!.Reachability);
    }
}
