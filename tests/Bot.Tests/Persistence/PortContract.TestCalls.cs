using NumbersBot.Domain;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class PortContract
{
    [SkippableFact]
    public async Task A_number_has_one_pending_test_call_at_a_time_whichever_instance_records_it()
    {
        var number = await StoredNumberAsync("+14155550100");
        var first = NewOperation(number, TelephonyStep.TestCall) with { RequestKey = "click-1" };
        await using var one = NewInstance();
        await using var two = NewInstance();
        await one.Operations.AddAsync(first, "request:1", Now + Lease, Ct);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            two.Operations.AddAsync(NewOperation(number, TelephonyStep.TestCall) with { RequestKey = "click-2" }, "request:2", Now + Lease, Ct));
        await two.Operations.AddAsync(NewOperation(number, TelephonyStep.Route), "request:3", Now + Lease, Ct); // other steps are not held up

        Assert.Equal(RefusalKind.Conflict, refused.Kind);
        Assert.True(await one.Operations.CompleteAsync(first.Id, "request:1", Ct));
        await two.Operations.AddAsync(NewOperation(number, TelephonyStep.TestCall) with { RequestKey = "click-4" }, "request:4", Now + Lease, Ct);
    }

    [SkippableFact]
    public async Task A_test_call_is_found_by_its_request_key_with_the_call_SID_its_holder_stored()
    {
        var number = await StoredNumberAsync("+14155550100");
        var call = NewOperation(number, TelephonyStep.TestCall) with { RequestKey = "deferred-1" };
        await using var bot = NewInstance();
        await bot.Operations.AddAsync(call, "request:1", Now + Lease, Ct);

        Assert.False(await bot.Operations.SetProviderReferenceAsync(call.Id, "request:other", "CA0", Ct));
        Assert.True(await bot.Operations.SetProviderReferenceAsync(call.Id, "request:1", "CA1", Ct));

        var found = await bot.Operations.FindByRequestKeyAsync("deferred-1", Ct);
        Assert.Equal(call with { DueAt = Now + Lease, ProviderReference = "CA1" }, found);
        Assert.Null(await bot.Operations.FindByRequestKeyAsync("deferred-2", Ct));
    }

    [SkippableFact]
    public async Task Test_calls_are_counted_per_project_and_day_up_to_the_cap_and_claimed_apart_from_other_steps()
    {
        var number = await StoredNumberAsync("+14155550100");
        await using var bot = NewInstance();
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var call = NewOperation(number, TelephonyStep.TestCall) with { RequestKey = "new" };
        await bot.Operations.AddAsync(call, "request:new", Now + Lease, Ct);
        await bot.Operations.AddAsync(NewOperation(number, TelephonyStep.Route), "request:route", Now + Lease, Ct);

        Assert.Equal(1, await bot.Operations.CountTestCallAsync(number.ProjectId, today.AddDays(-1), 2, Ct));
        Assert.Equal(1, await bot.Operations.CountTestCallAsync(number.ProjectId, today, 2, Ct)); // a new day starts from one
        Assert.Equal(2, await bot.Operations.CountTestCallAsync(number.ProjectId, today, 2, Ct));
        Assert.Null(await bot.Operations.CountTestCallAsync(number.ProjectId, today, 2, Ct));
        Assert.Equal(1, await bot.Operations.CountTestCallAsync("another-project", today, 2, Ct));
        Assert.Equal((2, 1, 0), (await bot.Operations.TestCallsOnAsync(number.ProjectId, today, Ct),
            await bot.Operations.TestCallsOnAsync("another-project", today, Ct), await bot.Operations.TestCallsOnAsync(number.ProjectId, today.AddDays(1), Ct)));
        var steps = await bot.Operations.ClaimDueAsync("worker:a", Now + Lease, Now + Lease * 2, 10, Ct);
        var calls = await bot.Operations.ClaimDueTestCallsAsync("worker:b", Now + Lease, Now + Lease * 2, 10, Ct);
        Assert.Equal(TelephonyStep.Route, Assert.Single(steps).Step);
        Assert.Equal(call.Id, Assert.Single(calls).Id);
    }

    [SkippableFact]
    public async Task A_test_call_given_back_frees_its_place_that_day_only()
    {
        await using var bot = NewInstance();
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        await bot.Operations.CountTestCallAsync("acme", today, 2, Ct);
        await bot.Operations.CountTestCallAsync("acme", today, 2, Ct);

        await bot.Operations.UncountTestCallAsync("acme", today.AddDays(-1), Ct); // counted on a day that has passed
        await bot.Operations.UncountTestCallAsync("acme", today, Ct);
        await bot.Operations.UncountTestCallAsync("another-project", today, Ct);

        Assert.Equal(1, await bot.Operations.TestCallsOnAsync("acme", today, Ct));
        Assert.Equal(0, await bot.Operations.TestCallsOnAsync("another-project", today, Ct));
        Assert.Equal(2, await bot.Operations.CountTestCallAsync("acme", today, 2, Ct));
    }

    [SkippableFact]
    public async Task The_days_last_test_call_goes_to_one_of_two_instances_counting_at_once()
    {
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        for (var round = 0; round < 20; round++)
        {
            var project = $"acme-{round}";
            await using (var bot = NewInstance()) Assert.Equal(1, await bot.Operations.CountTestCallAsync(project, today, 2, Ct));

            using var ready = new Barrier(2);
            var counted = await Task.WhenAll(
                Task.Run(() => CountOnAnotherInstanceAsync(project, today, ready)),
                Task.Run(() => CountOnAnotherInstanceAsync(project, today, ready)));

            Assert.Equal(new int?[] { null, 2 }, counted.Order());
            await using var reader = NewInstance();
            Assert.Equal(2, await reader.Operations.TestCallsOnAsync(project, today, Ct));
        }
    }

    /// <summary>Counts a test call in its own unit of work, as a request recording one does, and commits.</summary>
    private async Task<int?> CountOnAnotherInstanceAsync(string projectId, DateOnly day, Barrier ready)
    {
        await using var bot = NewInstance();
        await bot.Operations.TestCallsOnAsync(projectId, day, Ct); // connected, so both start from the same line
        ready.SignalAndWait(TimeSpan.FromSeconds(30));

        await using var work = await bot.BeginAsync();
        var counted = await bot.Operations.CountTestCallAsync(projectId, day, 2, Ct);
        await work.CommitAsync(Ct);
        return counted;
    }
}
