namespace NumbersBot.Domain.Tests;

public sealed class VariantPageTests
{
    private readonly DomainWorld _world = new();

    [Fact]
    public async Task Read_access_shows_the_drafts_and_what_runs_where_but_not_to_edit()
    {
        await _world.PublishTo(AgentEnvironment.PreRelease, "London");
        await _world.Draft("Leeds");

        var page = await _world.Handle(new ShowVariants(_world.Rita, null));

        Assert.False(page.ViewerCanEdit);
        Assert.Equal(["London", "Leeds"], page.Catalog.Drafts.Select(v => v.Name));
        Assert.Equal([AgentEnvironment.Sandbox, AgentEnvironment.PreRelease], page.Catalog.Published.Keys.Order());
        Assert.Equal([Callout.NewVariantAdded], page.Callouts);
        Assert.True((await _world.Handle(new ShowVariants(_world.Mel, null))).ViewerCanEdit);
    }

    [Fact]
    public async Task No_variants_access_cannot_see_them()
    {
        var refusal = await _world.Handle(new ShowVariants(_world.Nora, null)).Refused(RefusalKind.Forbidden);

        Assert.Contains("to see variants you need Read access", refusal.Message);
    }

    [Fact]
    public async Task Promoting_to_Live_lists_the_Live_numbers_and_which_lose_their_variant()
    {
        await _world.PublishTo(AgentEnvironment.Live, "London", "Leeds");
        var keeps = await _world.NumberIn(AgentEnvironment.Live, "London");
        var loses = await _world.NumberIn(AgentEnvironment.Live, "Leeds");
        await _world.NumberIn(AgentEnvironment.PreRelease, "London");
        await _world.Handle(new DeleteVariant(_world.Ada, null, "Leeds"));
        await _world.Publish();
        await _world.Handle(new PromoteVersion(_world.Ada, null, AgentEnvironment.Sandbox));

        var preview = await _world.Handle(new PreviewPromotion(_world.Mel, null, AgentEnvironment.Live));

        Assert.Equal((AgentEnvironment.PreRelease, 2, 1), (preview.From, preview.Version.Number, preview.Replaces!.Number));
        Assert.Equal(
            [(keeps.Number, "London", true), (loses.Number, "Leeds", false)],
            preview.Numbers.OrderBy(n => n.KeepsVariant ? 0 : 1).Select(n => (n.Number, n.VariantName, n.KeepsVariant)));
        Assert.Equal(1, (await _world.Variants.GetAsync(_world.Project.Id, default)).Published[AgentEnvironment.Live].Number);
    }

    [Fact]
    public async Task Previewing_a_promotion_needs_Variants_Edit_and_something_to_promote()
    {
        await _world.Handle(new PreviewPromotion(_world.Rita, null, AgentEnvironment.Live)).Refused(RefusalKind.Forbidden);
        var nothing = await _world.Handle(new PreviewPromotion(_world.Ada, null, AgentEnvironment.Live)).Refused(RefusalKind.Invalid);
        var sandbox = await _world.Handle(new PreviewPromotion(_world.Ada, null, AgentEnvironment.Sandbox)).Refused(RefusalKind.Invalid);

        Assert.Contains("Nothing is published to Pre-release yet", nothing.Message);
        Assert.Contains("Sandbox gets a new version by publishing", sandbox.Message);
    }
}
