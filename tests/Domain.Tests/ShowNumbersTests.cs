namespace NumbersBot.Domain.Tests;

public sealed class ShowNumbersTests
{
    private readonly DomainWorld _world = new();

    [Fact]
    public async Task Numbers_are_grouped_by_environment_with_their_SIP_addresses()
    {
        var live = await _world.NumberIn(AgentEnvironment.Live);
        var sandbox = await _world.NumberIn(AgentEnvironment.Sandbox);

        var page = await _world.Page(_world.Rita);

        Assert.Equal(AgentEnvironments.All, page.Environments.Select(e => e.Environment));
        Assert.Equal(
            [[sandbox.Id], [], [live.Id]],
            page.Environments.Select(e => e.Numbers.Select(n => n.Id).ToArray()));
        Assert.Equal(DomainWorld.SipOf("prerelease"), page.Environments[1].Sip);
    }

    [Fact]
    public async Task Each_row_shows_number_source_and_assigned_variant()
    {
        await _world.Publish("London");
        var number = await _world.NumberIn(AgentEnvironment.Sandbox, variant: "London");

        var row = (await _world.Page()).Environments[0].Numbers.Single();

        Assert.Equal((number.Number, NumberSource.Platform, "London", number.Version), (row.Number, row.Source, row.VariantName, row.Version));
    }

    [Fact]
    public async Task Assignable_variants_are_those_published_to_each_environment()
    {
        await _world.PublishTo(AgentEnvironment.PreRelease, "London");
        await _world.Publish("Leeds");

        var page = await _world.Page();

        Assert.Equal(
            [["London", "Leeds"], ["London"], []],
            page.Environments.Select(e => e.AssignableVariants.Select(v => v.Name).ToArray()));
    }

    [Fact]
    public async Task A_number_awaiting_deletion_approval_is_marked()
    {
        var request = await _world.LiveDeletionRequested();
        await _world.NumberIn(AgentEnvironment.Live);

        var rows = (await _world.Page()).Environments[2].Numbers;

        Assert.Equal(request.Id, rows.Single(r => r.Id == request.NumberId).PendingApprovalId);
        Assert.Null(rows.Single(r => r.Id != request.NumberId).PendingApprovalId);
    }
}
