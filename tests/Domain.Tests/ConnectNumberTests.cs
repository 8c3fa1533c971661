namespace NumbersBot.Domain.Tests;

public sealed class ConnectNumberTests
{
    private readonly DomainWorld _world = new();

    private Task<NumberConnected> Connect(string number, AgentEnvironment environment = AgentEnvironment.Sandbox, string? project = null) =>
        _world.Handle(new ConnectNumber(_world.Mel, project ?? _world.Project.Id, environment, number, null));

    [Fact]
    public async Task Connects_a_number_from_the_customer_Twilio_account()
    {
        var twilio = _world.Telephony.CustomerHas("+14155550123");

        var connected = await Connect("+1 415 555 0123", AgentEnvironment.PreRelease);

        var stored = Assert.Single(_world.Numbers.All);
        Assert.Equal((connected.Number.Id, "+14155550123", NumberSource.Twilio), (stored.Id, stored.Number.E164, stored.Source));
        Assert.Equal((twilio.ProviderReference, AgentEnvironment.PreRelease), (stored.ProviderReference, stored.Environment));
        Assert.Equal(AgentEnvironment.PreRelease, Assert.Single(_world.Telephony.Routed).Environment);
        Assert.Empty(_world.Telephony.Bought);
    }

    [Fact]
    public async Task A_number_connected_while_its_environment_moves_to_new_SIP_addresses_is_routed_to_the_new_ones()
    {
        _world.Telephony.CustomerHas("+14155550123");
        var moved = new SipAddresses("sip:moved@acme.voice.example.com", "sip:moved-fallback@acme.voice.example.com");
        _world.Telephony.Meanwhile = () => _world.MoveSip(AgentEnvironment.Sandbox, moved);

        await Connect("+14155550123");

        Assert.Equal(moved, Assert.Single(_world.Telephony.Routed).Sip);
    }

    [Fact]
    public async Task Connecting_is_audited()
    {
        _world.Telephony.CustomerHas("+14155550123");

        await Connect("+14155550123");

        var entry = _world.Audit.Entries[0];
        Assert.Equal((AuditActions.NumberConnected, "+14155550123", "local:mel"), (entry.Action, entry.Number, entry.ActorKey));
        Assert.Equal("Sandbox, source Twilio, variant none", entry.After);
    }

    [Fact]
    public async Task Connecting_needs_an_E164_number()
    {
        _world.Telephony.CustomerHas("+14155550123");

        var refusal = await Connect("415 555 0123").Refused(RefusalKind.Invalid);

        Assert.Contains("is not a valid E.164 number", refusal.Message);
        Assert.Empty(_world.Numbers.All);
    }

    [Fact]
    public async Task Connecting_a_number_already_imported_is_a_conflict()
    {
        _world.Telephony.CustomerHas("+14155550123");
        await Connect("+14155550123");

        var refusal = await Connect("+14155550123", AgentEnvironment.Live).Refused(RefusalKind.Conflict);

        Assert.Equal("+1 415-555-0123 is already imported: it serves Sandbox.", refusal.Message);
        Assert.Single(_world.Numbers.All);
    }

    [Fact]
    public async Task Connecting_a_number_another_project_holds_says_so()
    {
        var beta = _world.AddProject("beta", "Beta");
        _world.SeedNumber(beta.Id, "+14155550123", AgentEnvironment.Live);
        _world.Telephony.CustomerHas("+14155550123");

        var refusal = await Connect("+14155550123").Refused(RefusalKind.Conflict);

        Assert.Contains("already imported: it serves Live of another project", refusal.Message);
    }

    [Fact]
    public async Task Connecting_a_number_missing_from_the_account_is_not_found()
    {
        var refusal = await Connect("+14155550123").Refused(RefusalKind.NotFound);

        Assert.Contains("does not exist in this project's Twilio account", refusal.Message);
        Assert.Empty(_world.Numbers.All);
        Assert.Empty(_world.Audit.Entries);
    }

    [Fact]
    public async Task A_connected_number_takes_a_variant_published_to_its_environment()
    {
        await _world.Publish("London");
        _world.Telephony.CustomerHas("+14155550123");

        var connected = await _world.Handle(new ConnectNumber(_world.Mel, _world.Project.Id, AgentEnvironment.Sandbox, "+14155550123", "London"));

        Assert.Equal("London", connected.VariantName);
        var refusal = await _world.Handle(new ConnectNumber(_world.Mel, _world.Project.Id, AgentEnvironment.Live, "+14155550124", "London"))
            .Refused(RefusalKind.Invalid);
        Assert.Contains(VariantCatalog.PublishFirst, refusal.Message);
    }

    [Fact]
    public async Task A_routing_failure_keeps_the_connected_number_and_warns()
    {
        _world.Telephony.CustomerHas("+14155550123");
        _world.Telephony.RefuseRouting = "Twilio said 500.";

        var connected = await Connect("+14155550123");

        Assert.Contains("does not reach Sandbox's agent yet: Twilio said 500.", connected.Warning);
        Assert.Single(_world.Numbers.All);
    }
}
