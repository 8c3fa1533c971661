
namespace NumbersBot.Domain.Tests;

/// <summary>The fakes keep the promises of the ports they stand in for; otherwise the other tests prove nothing.</summary>
public sealed class FakeContractTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly DomainWorld _world = new();

    [Fact]
    public void Numbers_refuse_a_second_holder_of_the_same_number()
    {
        _world.SeedNumber("acme", "+14155550123", AgentEnvironment.Sandbox);

        Refusals.Refused(() => _world.SeedNumber("other", "+1 415 555 0123", AgentEnvironment.Live), RefusalKind.Conflict);
    }

    [Fact]
    public async Task Numbers_refuse_an_update_or_delete_from_a_stale_version()
    {
        var number = _world.SeedNumber("acme", "+14155550123", AgentEnvironment.Sandbox);
        var stale = (await _world.Numbers.FindAsync(number.Id, Ct))!;
        await _world.Numbers.UpdateAsync(number, Ct);

        Assert.Equal(2, number.Version);
        await _world.Numbers.UpdateAsync(stale, Ct).Refused(RefusalKind.Conflict);
        await _world.Numbers.DeleteAsync(stale, Ct).Refused(RefusalKind.Conflict);
        Assert.Single(_world.Numbers.All);
    }

    [Fact]
    public async Task Numbers_refuse_to_delete_what_is_gone()
    {
        var number = _world.SeedNumber("acme", "+14155550123", AgentEnvironment.Sandbox);
        await _world.Numbers.DeleteAsync(number, Ct);

        await _world.Numbers.DeleteAsync(number, Ct).Refused(RefusalKind.Conflict);
    }

    [Fact]
    public async Task Variant_catalogs_refuse_a_save_from_a_stale_version()
    {
        var first = await _world.Variants.GetAsync("acme", Ct);
        var second = await _world.Variants.GetAsync("acme", Ct);
        first.AddDraft("v1", "London");
        await _world.Variants.SaveAsync(first, Ct);

        second.AddDraft("v2", "Leeds");
        await _world.Variants.SaveAsync(second, Ct).Refused(RefusalKind.Conflict);
        Assert.Equal(["London"], (await _world.Variants.GetAsync("acme", Ct)).Drafts.Select(v => v.Name));
    }

    [Fact]
    public async Task Approvals_hold_one_pending_request_per_number()
    {
        var request = await _world.LiveDeletionRequested();
        var again = new ApprovalRequest(Guid.NewGuid(), request.ProjectId, request.NumberId, request.Number, request.Environment,
            request.NumberVersion, _world.Grace.User, "Grace", DomainWorld.Start, DomainWorld.Start.AddHours(1));

        await _world.Approvals.AddAsync(again, Ct).Refused(RefusalKind.Conflict);
    }

    [Fact]
    public async Task Approvals_record_a_decision_only_while_pending_in_storage()
    {
        var request = await _world.LiveDeletionRequested();
        var mine = (await _world.Approvals.FindAsync(request.Id, Ct))!;
        var theirs = (await _world.Approvals.FindAsync(request.Id, Ct))!;
        _world.Clock.Advance(TimeSpan.FromHours(1));
        mine.Expire(_world.Clock.GetUtcNow());
        theirs.Expire(_world.Clock.GetUtcNow());

        Assert.True(await _world.Approvals.TryRecordDecisionAsync(mine, Ct));
        Assert.False(await _world.Approvals.TryRecordDecisionAsync(theirs, Ct));
    }

    [Fact]
    public async Task Purchase_intents_return_the_earlier_intent_under_the_same_key()
    {
        var intents = new InMemoryPurchaseIntents();
        var intent = new PurchaseIntent("k", "acme", AgentEnvironment.Sandbox, Country.UK, null, null, "local:ada", DomainWorld.Start);

        Assert.Null(await intents.TryBeginAsync(intent, Ct));
        Assert.Equal(intent, await intents.TryBeginAsync(intent with { Country = Country.US }, Ct));
        Assert.Equal([intent], await intents.ListPendingAsync(Ct));
    }
}
