using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class PortContract
{
    [SkippableFact]
    public async Task Beginning_a_new_purchase_records_it_with_every_field()
    {
        var intent = NewIntent("click-1");
        await using var bot = NewInstance();

        Assert.Null(await bot.Intents.TryBeginAsync(intent, Ct));
        Assert.Equal([intent], await bot.Intents.ListPendingAsync(Ct));
    }

    [SkippableFact]
    public async Task Beginning_a_purchase_with_a_used_key_returns_the_first_intent_unchanged()
    {
        var first = NewIntent("click-1");
        await using var bot = NewInstance();
        await bot.Intents.TryBeginAsync(first, Ct);

        var repeat = first with { Environment = AgentEnvironment.Live, Country = Country.UK, AreaCode = null, RequestedAt = Now.AddMinutes(1) };
        Assert.Equal(first, await bot.Intents.TryBeginAsync(repeat, Ct));
        Assert.Equal([first], await bot.Intents.ListPendingAsync(Ct));
    }

    [SkippableFact]
    public async Task A_completed_purchase_is_no_longer_pending_and_remembers_its_number()
    {
        var intent = NewIntent("click-1");
        var numberId = Guid.NewGuid();
        await using var bot = NewInstance();
        await bot.Intents.TryBeginAsync(intent, Ct);

        await bot.Intents.CompleteAsync("click-1", numberId, Ct);

        Assert.Empty(await bot.Intents.ListPendingAsync(Ct));
        Assert.Equal(intent with { State = PurchaseState.Completed, NumberId = numberId }, await bot.Intents.TryBeginAsync(intent, Ct));
    }

    [SkippableFact]
    public async Task A_failed_purchase_is_no_longer_pending_and_remembers_why()
    {
        var intent = NewIntent("click-1") with { AreaCode = null, VariantId = null };
        await using var bot = NewInstance();
        await bot.Intents.TryBeginAsync(intent, Ct);

        await bot.Intents.FailAsync("click-1", "No numbers are available in area code 415.", Ct);

        Assert.Empty(await bot.Intents.ListPendingAsync(Ct));
        Assert.Equal(intent with { State = PurchaseState.Failed, Failure = "No numbers are available in area code 415." },
            await bot.Intents.TryBeginAsync(intent, Ct));
    }

    [SkippableFact]
    public async Task Pending_purchases_are_listed_oldest_first()
    {
        await using var bot = NewInstance();
        foreach (var (key, minutes) in new[] { ("b", 2), ("a", 3), ("c", 1) })
            await bot.Intents.TryBeginAsync(NewIntent(key, Now.AddMinutes(minutes)), Ct);

        Assert.Equal(["c", "b", "a"], (await bot.Intents.ListPendingAsync(Ct)).Select(i => i.Key));
    }

    [SkippableFact]
    public async Task Purchases_without_a_number_are_listed_oldest_first_and_the_drift_check_adopts_one_once_even_after_it_failed()
    {
        await using var bot = NewInstance();
        foreach (var (key, minutes) in new[] { ("failed", 1), ("done", 2), ("pending", 3) })
            await bot.Intents.TryBeginAsync(NewIntent(key, Now.AddMinutes(minutes)), Ct);
        await bot.Intents.FailAsync("failed", "Twilio did not answer.", Ct);
        await bot.Intents.CompleteAsync("done", Guid.NewGuid(), Ct);
        Assert.Equal(["failed", "pending"], (await bot.Intents.ListWithoutNumberAsync(Ct)).Select(i => i.Key));

        var adopted = Guid.NewGuid();
        await bot.Intents.AdoptAsync("failed", adopted, Ct);
        await bot.Intents.AdoptAsync("failed", Guid.NewGuid(), Ct);

        var stored = await bot.Intents.TryBeginAsync(NewIntent("failed"), Ct);
        Assert.Equal((PurchaseState.Completed, adopted, null), (stored!.State, stored.NumberId, stored.Failure));
        Assert.Equal(["pending"], (await bot.Intents.ListWithoutNumberAsync(Ct)).Select(i => i.Key));
    }

    [SkippableFact]
    public async Task Settling_a_purchase_that_was_never_begun_is_refused()
    {
        await using var bot = NewInstance();

        await Assert.ThrowsAsync<InvalidOperationException>(() => bot.Intents.CompleteAsync("never", Guid.NewGuid(), Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => bot.Intents.FailAsync("never", "Twilio said no.", Ct));
    }

    [SkippableFact]
    public async Task Two_instances_beginning_the_same_purchase_at_once_record_it_once()
    {
        for (var round = 0; round < 20; round++)
        {
            var key = $"click-{round}";
            using var ready = new Barrier(2);
            var results = await Task.WhenAll(
                Task.Run(() => BeginOnAnotherInstanceAsync(NewIntent(key) with { RequestedBy = "local:bob" }, ready)),
                Task.Run(() => BeginOnAnotherInstanceAsync(NewIntent(key) with { RequestedBy = "local:carol" }, ready)));

            var earlier = Assert.Single(results, r => r is not null);
            Assert.Contains(earlier!.RequestedBy, new[] { "local:bob", "local:carol" });
        }
    }

    private async Task<PurchaseIntent?> BeginOnAnotherInstanceAsync(PurchaseIntent intent, Barrier ready)
    {
        await using var bot = NewInstance();
        await bot.Intents.ListPendingAsync(Ct); // connected, so both start from the same line
        ready.SignalAndWait(TimeSpan.FromSeconds(30));
        return await bot.Intents.TryBeginAsync(intent, Ct);
    }
}
