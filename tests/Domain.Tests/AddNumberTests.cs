namespace NumbersBot.Domain.Tests;

public sealed class AddNumberTests
{
    private readonly DomainWorld _world = new();

    [Theory]
    [InlineData(Country.UK)]
    [InlineData(Country.US)]
    [InlineData(Country.Canada)]
    public async Task Adds_a_UK_US_or_Canadian_number_to_an_environment(Country country)
    {
        var added = await _world.Add(AgentEnvironment.PreRelease, country);

        Assert.Equal(country, added.Number.Number.Country);
        Assert.Equal((AgentEnvironment.PreRelease, NumberSource.Platform), (added.Number.Environment, added.Number.Source));
        Assert.False(added.Repeated);
        Assert.Null(added.Warning);
        Assert.Equal(added.Number.Id, Assert.Single(_world.Numbers.All).Id);
    }

    [Fact]
    public async Task A_new_number_is_routed_to_its_environment_SIP_addresses()
    {
        var added = await _world.Add(AgentEnvironment.Live);

        var routed = Assert.Single(_world.Telephony.Routed);
        Assert.Equal((added.Number.Number, AgentEnvironment.Live, DomainWorld.SipOf("live")), (routed.Number.Number, routed.Environment, routed.Sip));
    }

    [Fact]
    public async Task A_number_bought_while_its_environment_moves_to_new_SIP_addresses_is_routed_to_the_new_ones()
    {
        var moved = new SipAddresses("sip:moved@acme.voice.example.com", "sip:moved-fallback@acme.voice.example.com");
        _world.Telephony.Meanwhile = () => _world.MoveSip(AgentEnvironment.Live, moved);

        await _world.Add(AgentEnvironment.Live);

        Assert.Equal(moved, Assert.Single(_world.Telephony.Routed).Sip);
    }

    [Fact]
    public async Task A_US_number_can_ask_for_an_area_code()
    {
        var added = await _world.Add(AgentEnvironment.Sandbox, Country.US, areaCode: "415");

        Assert.StartsWith("+1415", added.Number.Number.E164);
        Assert.Equal("415", _world.Telephony.Orders.Single().AreaCode?.Digits);
    }

    [Fact]
    public async Task An_area_code_for_a_UK_number_is_refused_and_nothing_is_bought()
    {
        var refusal = await _world.Add(AgentEnvironment.Sandbox, Country.UK, areaCode: "207").Refused(RefusalKind.Invalid);

        Assert.Contains("Area codes apply only to US and Canadian numbers, not UK ones", refusal.Message);
        Assert.Empty(_world.Telephony.Orders);
    }

    [Fact]
    public async Task A_variant_published_nowhere_is_refused_with_publish_first()
    {
        await _world.Draft("London");

        var refusal = await _world.Add(AgentEnvironment.Sandbox, variant: "London").Refused(RefusalKind.Invalid);

        Assert.Equal("Variant 'London' is not published to Sandbox. " + VariantCatalog.PublishFirst, refusal.Message);
        Assert.Contains("If no variants are available, publish the project first.", refusal.Message);
        Assert.Empty(_world.Telephony.Orders);
    }

    [Fact]
    public async Task A_variant_published_only_to_Sandbox_cannot_serve_a_Live_number()
    {
        await _world.Publish("London");

        var refusal = await _world.Add(AgentEnvironment.Live, variant: "London").Refused(RefusalKind.Invalid);

        Assert.Contains("not published to Live. If no variants are available, publish the project first.", refusal.Message);
    }

    [Fact]
    public async Task A_variant_not_yet_published_lists_the_variants_that_are()
    {
        await _world.Publish("London");
        await _world.Draft("Leeds");

        var refusal = await _world.Add(AgentEnvironment.Sandbox, variant: "Leeds").Refused(RefusalKind.Invalid);

        Assert.Equal("Variant 'Leeds' is not published to Sandbox. Variants published there: London.", refusal.Message);
    }

    [Fact]
    public async Task A_number_can_be_assigned_a_published_variant()
    {
        await _world.PublishTo(AgentEnvironment.PreRelease, "London");

        var added = await _world.Add(AgentEnvironment.PreRelease, variant: "london");

        Assert.Equal("London", added.VariantName);
        Assert.Equal((await _world.Variants.GetAsync(_world.Project.Id, default)).Default!.Id, added.Number.VariantId);
    }

    [Fact]
    public async Task The_same_request_key_twice_buys_one_number()
    {
        var first = await _world.Add(AgentEnvironment.Sandbox, key: "click-42");
        var second = await _world.Add(AgentEnvironment.Sandbox, key: "click-42");

        Assert.Equal((false, true), (first.Repeated, second.Repeated));
        Assert.Equal(first.Number.Id, second.Number.Id);
        Assert.Single(_world.Telephony.Bought);
        Assert.Single(_world.Numbers.All);
    }

    [Fact]
    public async Task A_purchase_still_under_way_with_the_same_key_is_refused_without_buying()
    {
        await _world.Intents.TryBeginAsync(new PurchaseIntent("click-7", _world.Project.Id, AgentEnvironment.Sandbox, Country.US, null, null,
            _world.Ada.User.Key, DomainWorld.Start), default);

        var refusal = await _world.Add(AgentEnvironment.Sandbox, key: "click-7").Refused(RefusalKind.Conflict);

        Assert.Contains("already being bought", refusal.Message);
        Assert.Empty(_world.Telephony.Orders);
    }

    [Fact]
    public async Task A_provider_refusal_marks_the_purchase_failed_stores_no_number_and_audits_the_attempt()
    {
        _world.Telephony.RefuseBuying = "No numbers left in 415.";

        var refusal = await _world.Add(AgentEnvironment.Sandbox, areaCode: "415", key: "click-9").Refused(RefusalKind.ProviderFailed);

        Assert.Equal("No numbers left in 415.", refusal.Message);
        Assert.Equal((PurchaseState.Failed, "No numbers left in 415."), (_world.Intents.Find("click-9")!.State, _world.Intents.Find("click-9")!.Failure));
        Assert.Empty(_world.Numbers.All);
        var attempt = Assert.Single(_world.Audit.Entries);
        Assert.Equal(AuditActions.NumberAddFailed, attempt.Action);
        Assert.Equal("US area code 415: No numbers left in 415.", attempt.After);
    }

    [Fact]
    public async Task Repeating_a_failed_purchase_gives_the_same_answer_without_buying_again()
    {
        _world.Telephony.RefuseBuying = "No numbers left in 415.";
        await _world.Add(AgentEnvironment.Sandbox, key: "click-9").Refused(RefusalKind.ProviderFailed);
        _world.Telephony.RefuseBuying = null;

        var refusal = await _world.Add(AgentEnvironment.Sandbox, key: "click-9").Refused(RefusalKind.ProviderFailed);

        Assert.Equal("No numbers left in 415.", refusal.Message);
        Assert.Single(_world.Telephony.Orders);
    }

    [Fact]
    public async Task A_routing_failure_keeps_the_number_and_warns()
    {
        _world.Telephony.RefuseRouting = "SIP trunk unreachable.";

        var added = await _world.Add(AgentEnvironment.Live);

        Assert.Equal($"{added.Number.Number.Display} is added, but it does not reach Live's agent yet: SIP trunk unreachable. " +
            "NumbersBot keeps trying, and the card shows it as not reachable until then.", added.Warning);
        var stored = Assert.Single(_world.Numbers.All);
        Assert.Equal((Reachability.Unreachable, "SIP trunk unreachable."), (stored.Reachability, stored.Problem));
        Assert.Equal("SIP trunk unreachable.", Assert.Single(_world.Operations.All).LastError);
        Assert.Equal(PurchaseState.Completed, _world.Intents.Find("click-1")!.State);
    }

    [Fact]
    public async Task Adding_a_number_is_audited()
    {
        var added = await _world.Add(AgentEnvironment.Sandbox, by: _world.Mel);

        var entry = _world.Audit.Entries[0];
        Assert.Equal((AuditActions.NumberAdded, "local:mel", "Mel", "local"), (entry.Action, entry.ActorKey, entry.ActorName, entry.Channel));
        Assert.Equal((_world.Project.Id, added.Number.Number.E164, AgentEnvironment.Sandbox), (entry.ProjectId, entry.Number, entry.Environment));
        Assert.Equal((null, "Sandbox, source PolyAI, variant none"), (entry.Before, entry.After));
        Assert.Equal(DomainWorld.Start, entry.At);
    }

    [Fact]
    public async Task A_bought_number_is_routed_through_a_recorded_step_and_confirmed()
    {
        var added = await _world.Add(AgentEnvironment.Sandbox);

        var step = Assert.Single(_world.Operations.All);
        Assert.Equal((TelephonyStep.Route, added.Number.Id, OperationState.Done), (step.Step, step.NumberId, step.State));
        Assert.Equal(Reachability.Routed, _world.Numbers.Stored(added.Number.Id)!.Reachability);
        Assert.Equal([AuditActions.NumberAdded, TelephonyAudit.Routed], _world.Audit.Entries.Select(e => e.Action));
    }

    [Fact]
    public async Task A_routing_step_that_failed_is_retried_by_the_worker_after_its_backoff()
    {
        _world.Telephony.RefuseRouting = "SIP trunk unreachable.";
        var added = await _world.Add(AgentEnvironment.Live);
        _world.Telephony.RefuseRouting = null;

        Assert.Equal(0, await _world.Steps.ResumeAsync(DomainWorld.Ct));
        _world.Clock.Advance(TelephonyWorkPolicy.Backoff(0));
        Assert.Equal(1, await _world.Steps.ResumeAsync(DomainWorld.Ct));

        Assert.Equal((Reachability.Routed, null), (_world.Numbers.Stored(added.Number.Id)!.Reachability, _world.Numbers.Stored(added.Number.Id)!.Problem));
        Assert.Equal([AuditActions.NumberAdded, TelephonyAudit.Unreachable, TelephonyAudit.Routed], _world.Audit.Entries.Select(e => e.Action));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_request_without_a_key_is_refused_before_buying(string key)
    {
        await _world.Add(AgentEnvironment.Sandbox, key: key).Refused(RefusalKind.Invalid);

        Assert.Empty(_world.Telephony.Orders);
    }
}
