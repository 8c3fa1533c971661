using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class PortContract
{
    protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected static TelephonyOperation NewOperation(ProjectNumber number, TelephonyStep step = TelephonyStep.Route, DateTimeOffset? at = null) =>
        new(Guid.NewGuid(), step, number.Id, number.ProjectId, number.Number.E164, number.Environment, "bought", "local:alice", "Alice",
            at ?? Now, at ?? Now);

    [SkippableFact]
    public async Task A_recorded_step_belongs_to_its_recorder_until_the_lease_runs_out()
    {
        var number = await StoredNumberAsync("+14155550100");
        var operation = NewOperation(number);
        await using var bot = NewInstance();
        await bot.Operations.AddAsync(operation, "request:1", Now + Lease, Ct);

        Assert.Empty(await bot.Operations.ClaimDueAsync("worker:a", Now.AddMinutes(1), Now.AddMinutes(6), 10, Ct));
        var claimed = Assert.Single(await bot.Operations.ClaimDueAsync("worker:a", Now + Lease, Now + Lease * 2, 10, Ct));

        Assert.Equal(operation with { DueAt = Now + Lease * 2 }, claimed);
        Assert.False(await bot.Operations.CompleteAsync(operation.Id, "request:1", Ct)); // the recorder lost it to the worker
        Assert.True(await bot.Operations.CompleteAsync(operation.Id, "worker:a", Ct));
        Assert.Empty(await bot.Operations.ListPendingAsync(Ct));
    }

    [SkippableFact]
    public async Task A_step_reads_back_with_its_number_as_the_provider_knows_it_so_it_can_act_on_it_once_the_number_is_gone()
    {
        var number = await StoredNumberAsync("+14155550100");
        var route = NewOperation(number) with { ProviderReference = "PN0123456789abcdef0123456789abcdef", Source = NumberSource.Twilio, Simulated = true };
        var testCall = NewOperation(number, TelephonyStep.TestCall, Now.AddSeconds(1));
        await using var bot = NewInstance();
        await bot.Operations.AddAsync(route, "request:1", Now, Ct);
        await bot.Operations.AddAsync(testCall, "request:2", Now, Ct);

        var claimed = Assert.Single(await bot.Operations.ClaimDueAsync("worker:a", Now, Now + Lease, 10, Ct));
        Assert.Equal(route with { DueAt = Now + Lease }, claimed);
        Assert.Equal(new ProvisionedNumber(number.Number, NumberSource.Twilio, "PN0123456789abcdef0123456789abcdef", Simulated: true), claimed.Provisioned);
        var call = Assert.Single(await bot.Operations.ClaimDueTestCallsAsync("worker:a", Now, Now + Lease, 10, Ct));
        Assert.Equal((null, false, null), (call.Source, call.Simulated, call.Provisioned));
    }

    [SkippableFact]
    public async Task Two_instances_claiming_together_never_get_the_same_step()
    {
        var number = await StoredNumberAsync("+14155550100");
        await using (var bot = NewInstance())
        {
            for (var i = 0; i < 6; i++) await bot.Operations.AddAsync(NewOperation(number, at: Now.AddSeconds(i)), "request", Now, Ct);
        }

        await using var one = NewInstance();
        await using var two = NewInstance();
        var claims = await Task.WhenAll(
            one.Operations.ClaimDueAsync("worker:one", Now.AddMinutes(1), Now.AddMinutes(6), 10, Ct),
            two.Operations.ClaimDueAsync("worker:two", Now.AddMinutes(1), Now.AddMinutes(6), 10, Ct));

        var ids = claims.SelectMany(c => c).Select(o => o.Id).ToList();
        Assert.Equal(6, ids.Count);
        Assert.Equal(6, ids.Distinct().Count());
    }

    [SkippableFact]
    public async Task A_failed_attempt_is_counted_and_due_again_after_its_backoff()
    {
        var number = await StoredNumberAsync("+14155550100");
        var operation = NewOperation(number, TelephonyStep.Remove);
        await using var bot = NewInstance();
        await bot.Operations.AddAsync(operation, "request:1", Now + Lease, Ct);

        await bot.Operations.RetryLaterAsync(operation.Id, "request:1", "Twilio error 20500", Now.AddMinutes(1), Ct);

        var pending = Assert.Single(await bot.Operations.ListPendingAsync(Ct));
        Assert.Equal((1, "Twilio error 20500", Now.AddMinutes(1)), (pending.Attempts, pending.LastError, pending.DueAt));
        Assert.Empty(await bot.Operations.ClaimDueAsync("worker:a", Now.AddSeconds(59), Now.AddMinutes(6), 10, Ct));
        Assert.Single(await bot.Operations.ClaimDueAsync("worker:a", Now.AddMinutes(1), Now.AddMinutes(6), 10, Ct));
    }

    [SkippableFact]
    public async Task A_step_put_back_by_its_holder_is_due_again_with_its_attempts_and_last_error_as_they_were()
    {
        var number = await StoredNumberAsync("+14155550100");
        var operation = NewOperation(number, TelephonyStep.Route);
        await using var bot = NewInstance();
        await bot.Operations.AddAsync(operation, "request:1", Now + Lease, Ct);
        await bot.Operations.RetryLaterAsync(operation.Id, "request:1", "Twilio error 21210", Now.AddMinutes(1), Ct);
        Assert.True(await bot.Operations.TryTakeAsync(operation.Id, "worker:a", Now.AddMinutes(1), Now.AddMinutes(6), Ct));

        await bot.Operations.PutBackAsync(operation.Id, "request:1", Now.AddMinutes(1), Ct); // its lease is gone: nothing changes
        await bot.Operations.PutBackAsync(operation.Id, "worker:a", Now.AddMinutes(2), Ct);

        var pending = Assert.Single(await bot.Operations.ListPendingAsync(Ct));
        Assert.Equal((1, "Twilio error 21210", Now.AddMinutes(2)), (pending.Attempts, pending.LastError, pending.DueAt));
        Assert.Single(await bot.Operations.ClaimDueAsync("worker:b", Now.AddMinutes(2), Now.AddMinutes(7), 10, Ct));
    }

    [SkippableFact]
    public async Task A_numbers_pending_step_is_found_and_taken_over_unless_someone_holds_it()
    {
        var number = await StoredNumberAsync("+14155550100");
        var removal = NewOperation(number, TelephonyStep.Remove);
        await using var bot = NewInstance();
        await bot.Operations.AddAsync(NewOperation(number, TelephonyStep.Route, Now.AddSeconds(-1)), "request:0", Now, Ct);
        await bot.Operations.AddAsync(removal, "request:1", Now + Lease, Ct);

        Assert.Equal(removal.Id, (await bot.Operations.FindPendingAsync(number.Id, TelephonyStep.Remove, Ct))?.Id);
        Assert.False(await bot.Operations.TryTakeAsync(removal.Id, "request:2", Now.AddMinutes(1), Now.AddMinutes(6), Ct)); // its recorder holds it
        await bot.Operations.RetryLaterAsync(removal.Id, "request:1", "Twilio error 20500", Now.AddHours(1), Ct);
        Assert.True(await bot.Operations.TryTakeAsync(removal.Id, "request:2", Now.AddMinutes(1), Now.AddMinutes(6), Ct)); // backing off: free

        await using var other = NewInstance();
        Assert.False(await other.Operations.TryTakeAsync(removal.Id, "request:3", Now.AddMinutes(2), Now.AddMinutes(7), Ct));
        Assert.True(await bot.Operations.CompleteAsync(removal.Id, "request:2", Ct));
        Assert.Null(await bot.Operations.FindPendingAsync(number.Id, TelephonyStep.Remove, Ct));
        Assert.False(await bot.Operations.TryTakeAsync(removal.Id, "request:3", Now.AddHours(2), Now.AddHours(3), Ct)); // done
    }

    [SkippableFact]
    public async Task A_number_being_removed_stays_removing_whatever_a_route_reports()
    {
        await using (var setup = NewInstance()) await setup.Projects.AddAsync(NewProject("alpha", "Alpha"), Ct);
        var number = await StoredNumberAsync("+14155550100");
        await using var bot = NewInstance();
        Assert.True(await bot.Numbers.SetReachabilityAsync(number.Id, Reachability.Removing, null, Ct));

        Assert.False(await bot.Numbers.MarkRoutedAsync(number, NewProject("alpha", "Alpha").SipFor(AgentEnvironment.Live), Ct));
        Assert.False(await bot.Numbers.SetReachabilityAsync(number.Id, Reachability.Unreachable, "Twilio error 21412", Ct));
        Assert.False(await bot.Numbers.SetReachabilityAsync(number.Id, Reachability.Routing, null, Ct));
        Assert.Equal((Reachability.Removing, null), StateOf(await bot.Numbers.FindAsync(number.Id, Ct)));

        // The removal's own failure is still told on the number.
        Assert.True(await bot.Numbers.SetReachabilityAsync(number.Id, Reachability.Removing, "Twilio error 20500", Ct));
        Assert.Equal((Reachability.Removing, "Twilio error 20500"), StateOf(await bot.Numbers.FindAsync(number.Id, Ct)));
    }

    [SkippableFact]
    public async Task A_route_is_marked_done_only_while_it_went_to_its_projects_current_addresses()
    {
        var project = NewProject("alpha", "Alpha");
        await using (var setup = NewInstance()) await setup.Projects.AddAsync(project, Ct);
        var number = await StoredNumberAsync("+14155550100");
        await using var bot = NewInstance();
        await bot.Numbers.SetReachabilityAsync(number.Id, Reachability.Unreachable, "Twilio error 21412", Ct);
        var live = project.SipFor(AgentEnvironment.Live);

        Assert.False(await bot.Numbers.MarkRoutedAsync(number, new SipAddresses("sip:old@alpha.voice.example.com", live.Fallback), Ct));
        Assert.False(await bot.Numbers.MarkRoutedAsync(number, new SipAddresses(live.Main, "sip:old-fallback@alpha.voice.example.com"), Ct));
        Assert.False(await bot.Numbers.MarkRoutedAsync(number, project.SipFor(AgentEnvironment.Sandbox), Ct));
        Assert.Equal((Reachability.Unreachable, "Twilio error 21412"), StateOf(await bot.Numbers.FindAsync(number.Id, Ct)));

        Assert.True(await bot.Numbers.MarkRoutedAsync(number, live, Ct));
        var stored = (await bot.Numbers.FindAsync(number.Id, Ct))!;
        Assert.Equal((Reachability.Routed, null, number.Version), (stored.Reachability, stored.Problem, stored.Version));
        Assert.False(await bot.Numbers.MarkRoutedAsync(NewNumber("+14155550199"), live, Ct));
    }

    private static (Reachability, string?) StateOf(ProjectNumber? number) => (number!.Reachability, number.Problem);

    [SkippableFact]
    public async Task A_numbers_reachability_is_stored_without_changing_its_version()
    {
        var number = await StoredNumberAsync("+14155550100");
        await using var bot = NewInstance();
        Assert.Equal((Reachability.Routing, null), ((await bot.Numbers.FindAsync(number.Id, Ct))!.Reachability, number.Problem));

        await bot.Numbers.SetReachabilityAsync(number.Id, Reachability.Unreachable, "Twilio error 21412", Ct);

        var stored = (await bot.Numbers.FindAsync(number.Id, Ct))!;
        Assert.Equal((Reachability.Unreachable, "Twilio error 21412", number.Version), (stored.Reachability, stored.Problem, stored.Version));
        Assert.Equal([number.Id], (await bot.Numbers.ListAllAsync(Ct)).Select(n => n.Id));
    }
}
