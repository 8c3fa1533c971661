namespace NumbersBot.Domain.Tests;

/// <summary>A purchase whose answer never came is settled from what the provider holds for it.</summary>
public sealed class SettlePurchaseTests
{
    private readonly DomainWorld _world = new();

    private async Task<PurchaseIntent> UnansweredPurchase(string key = "click-unanswered")
    {
        var intent = new PurchaseIntent(key, _world.Project.Id, AgentEnvironment.Live, Country.US, null, null, _world.Mel.User.Key, DomainWorld.Start);
        await _world.Intents.TryBeginAsync(intent, DomainWorld.Ct);
        return intent;
    }

    private static ProvisionedNumber Held(string e164, string reference) =>
        new(PhoneNumber.ParseE164(e164), NumberSource.Platform, reference, Simulated: false);

    [Fact]
    public async Task A_number_held_for_the_purchase_is_stored_audited_and_routed_as_the_purchase_would_have()
    {
        var intent = await UnansweredPurchase();

        var settled = await _world.Handle(new SettlePurchase(intent, Held("+14155550150", "PN150"), "Twilio"));

        Assert.Equal(Settlement.Stored, settled.Settlement);
        var stored = Assert.Single(_world.Numbers.All);
        Assert.Equal(("+14155550150", AgentEnvironment.Live, "PN150", _world.Mel.User.Key), (stored.Number.E164, stored.Environment, stored.ProviderReference, stored.AddedBy));
        Assert.Equal((PurchaseState.Completed, stored.Id), (_world.Intents.Find(intent.Key)!.State, _world.Intents.Find(intent.Key)!.NumberId));
        var added = Assert.Single(_world.Audit.Entries, e => e.Action == AuditActions.NumberAdded);
        Assert.Equal("Live, source PolyAI, variant none; bought for local:mel, recovered from Twilio after the purchase went unanswered", added.After);
        Assert.Single(_world.Telephony.Routed, r => r.Number.ProviderReference == "PN150");
        Assert.Null(settled.Warning);
    }

    [Fact]
    public async Task Nothing_held_fails_the_purchase_and_stores_nothing()
    {
        var intent = await UnansweredPurchase();

        var settled = await _world.Handle(new SettlePurchase(intent, null, "Twilio"));

        Assert.Equal(Settlement.NothingBought, settled.Settlement);
        Assert.Equal((PurchaseState.Failed, "No number was bought: Twilio holds no number for this purchase."),
            (_world.Intents.Find(intent.Key)!.State, _world.Intents.Find(intent.Key)!.Failure));
        Assert.Empty(_world.Numbers.All);
    }

    [Fact]
    public async Task A_number_already_listed_under_the_same_reference_only_completes_the_purchase()
    {
        var listed = _world.SeedNumber(_world.Project.Id, "+14155550150", AgentEnvironment.Live);
        var intent = await UnansweredPurchase();

        var settled = await _world.Handle(new SettlePurchase(intent, Held("+14155550150", listed.ProviderReference), "Twilio"));

        Assert.Equal((Settlement.AlreadyListed, listed.Id), (settled.Settlement, settled.Number!.Id));
        Assert.Equal((PurchaseState.Completed, listed.Id), (_world.Intents.Find(intent.Key)!.State, _world.Intents.Find(intent.Key)!.NumberId));
        Assert.Single(_world.Numbers.All);
        Assert.Empty(_world.Audit.Entries);
        Assert.Empty(_world.Telephony.Routed);
    }

    [Fact]
    public async Task A_number_the_drift_check_adopts_while_the_purchase_is_settled_only_completes_the_purchase()
    {
        var intent = await UnansweredPurchase();
        var adopted = new ProjectNumber(Guid.NewGuid(), _world.Project.Id, PhoneNumber.ParseE164("+14155550150"), AgentEnvironment.Live,
            NumberSource.Platform, "PN150", simulated: false, null, DomainWorld.Start, _world.Mel.User.Key);
        // Found unlisted, then stored by the drift check just before the settlement stores it.
        _world.Numbers.BeforeNextAdd = () =>
        {
            _world.Numbers.Add(adopted);
            _world.Intents.AdoptAsync(intent.Key, adopted.Id, DomainWorld.Ct).GetAwaiter().GetResult();
        };

        var settled = await _world.Handle(new SettlePurchase(intent, Held("+14155550150", "PN150"), "Twilio"));

        Assert.Equal((Settlement.AlreadyListed, adopted.Id), (settled.Settlement, settled.Number!.Id));
        Assert.Equal((PurchaseState.Completed, adopted.Id), (_world.Intents.Find(intent.Key)!.State, _world.Intents.Find(intent.Key)!.NumberId));
        Assert.Equal(adopted.Id, Assert.Single(_world.Numbers.All).Id);
        Assert.Empty(_world.Telephony.Routed);
    }

    [Fact]
    public async Task The_same_digits_listed_under_another_reference_are_left_for_an_admin()
    {
        _world.SeedNumber(_world.Project.Id, "+14155550150", AgentEnvironment.Sandbox);
        var intent = await UnansweredPurchase();

        var settled = await _world.Handle(new SettlePurchase(intent, Held("+14155550150", "PN150"), "Twilio"));

        Assert.Equal(Settlement.ListedOtherwise, settled.Settlement);
        Assert.Equal(PurchaseState.Failed, _world.Intents.Find(intent.Key)!.State);
        Assert.Contains("an admin must check it in the Twilio console", _world.Intents.Find(intent.Key)!.Failure);
        Assert.Single(_world.Numbers.All);
        Assert.Empty(_world.Telephony.Routed);
    }
}
