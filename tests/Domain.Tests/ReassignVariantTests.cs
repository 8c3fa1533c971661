namespace NumbersBot.Domain.Tests;

public sealed class ReassignVariantTests
{
    private readonly DomainWorld _world = new();

    private Task<VariantReassigned> Reassign(ProjectNumber number, string variant, Actor? by = null, int? seen = null) =>
        _world.Handle(new ReassignVariant(by ?? _world.Mel, number.Id, variant, seen ?? number.Version));

    [Fact]
    public async Task Reassigns_a_variant_published_to_the_numbers_environment()
    {
        await _world.Publish("London", "Leeds");
        var number = await _world.NumberIn(AgentEnvironment.Sandbox, variant: "London");

        var reassigned = await Reassign(number, "Leeds");

        Assert.Equal(("London", "Leeds", false), (reassigned.Before, reassigned.After, reassigned.Unchanged));
        var stored = _world.Numbers.Stored(number.Id)!;
        Assert.Equal((reassigned.Number.VariantId, number.Version + 1), (stored.VariantId, stored.Version));
    }

    [Fact]
    public async Task Reassigning_is_audited_with_before_and_after()
    {
        await _world.Publish("London");
        var number = await _world.NumberIn(AgentEnvironment.Sandbox);

        await Reassign(number, "London");

        var entry = _world.Audit.Entries[^1];
        Assert.Equal((AuditActions.VariantReassigned, "local:mel", number.Number.E164), (entry.Action, entry.ActorKey, entry.Number));
        Assert.Equal(("variant none", "variant London"), (entry.Before, entry.After));
    }

    [Fact]
    public async Task A_variant_not_published_to_the_environment_is_refused_with_publish_first()
    {
        await _world.Publish("London");
        var number = await _world.NumberIn(AgentEnvironment.Live);

        var refusal = await Reassign(number, "London").Refused(RefusalKind.Invalid);

        Assert.Equal("Variant 'London' is not published to Live. If no variants are available, publish the project first.", refusal.Message);
        Assert.Null(_world.Numbers.Stored(number.Id)!.VariantId);
    }

    [Fact]
    public async Task Reassigning_the_variant_a_number_already_has_changes_nothing()
    {
        await _world.Publish("London");
        var number = await _world.NumberIn(AgentEnvironment.Sandbox, variant: "London");
        var entries = _world.Audit.Entries.Count;

        var reassigned = await Reassign(number, "London");

        Assert.True(reassigned.Unchanged);
        Assert.Equal(number.Version, _world.Numbers.Stored(number.Id)!.Version);
        Assert.Equal(entries, _world.Audit.Entries.Count);
    }

    [Fact]
    public async Task Reassigning_from_a_stale_card_is_refused()
    {
        await _world.Publish("London", "Leeds");
        var number = await _world.NumberIn(AgentEnvironment.Sandbox);
        await Reassign(number, "London");

        var refusal = await Reassign(number, "Leeds", seen: number.Version).Refused(RefusalKind.Conflict);

        Assert.Contains("was changed by someone else a moment ago", refusal.Message);
        Assert.Equal("London", (await _world.Page()).Environments[0].Numbers.Single().VariantName);
    }

    [Fact]
    public async Task Reassigning_a_number_that_is_gone_is_not_found()
    {
        await _world.Publish("London");
        var number = await _world.NumberIn(AgentEnvironment.Sandbox);
        await _world.Delete(number);

        var refusal = await Reassign(number, "London").Refused(RefusalKind.NotFound);

        Assert.Contains("no longer in the project", refusal.Message);
    }

    [Fact]
    public async Task Reassigning_needs_Numbers_Edit()
    {
        await _world.Publish("London");
        var number = await _world.NumberIn(AgentEnvironment.Sandbox);

        var refusal = await Reassign(number, "London", by: _world.Rita).Refused(RefusalKind.Forbidden);

        Assert.Contains("you need Edit access", refusal.Message);
    }
}
