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
    public async Task Test_calls_are_counted_per_project_since_a_moment_and_claimed_apart_from_other_steps()
    {
        var number = await StoredNumberAsync("+14155550100");
        await using var bot = NewInstance();
        var yesterday = NewOperation(number, TelephonyStep.TestCall, Now.AddDays(-1)) with { RequestKey = "old" };
        await bot.Operations.AddAsync(yesterday, "request:old", Now.AddDays(-1), Ct);
        await bot.Operations.CompleteAsync(yesterday.Id, "request:old", Ct);
        var today = NewOperation(number, TelephonyStep.TestCall) with { RequestKey = "new" };
        await bot.Operations.AddAsync(today, "request:new", Now + Lease, Ct);
        await bot.Operations.AddAsync(NewOperation(number, TelephonyStep.Route), "request:route", Now + Lease, Ct);

        Assert.Equal(1, await bot.Operations.CountSinceAsync(number.ProjectId, TelephonyStep.TestCall, Now.AddHours(-1), Ct));
        Assert.Equal(2, await bot.Operations.CountSinceAsync(number.ProjectId, TelephonyStep.TestCall, Now.AddDays(-2), Ct));
        Assert.Equal(0, await bot.Operations.CountSinceAsync("another-project", TelephonyStep.TestCall, Now.AddDays(-2), Ct));
        var steps = await bot.Operations.ClaimDueAsync("worker:a", Now + Lease, Now + Lease * 2, 10, Ct);
        var calls = await bot.Operations.ClaimDueTestCallsAsync("worker:b", Now + Lease, Now + Lease * 2, 10, Ct);
        Assert.Equal(TelephonyStep.Route, Assert.Single(steps).Step);
        Assert.Equal(today.Id, Assert.Single(calls).Id);
    }
}
