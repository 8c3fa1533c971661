namespace NumbersBot.Domain.Tests;

public sealed class CalloutTests
{
    private readonly DomainWorld _world = new();

    private async Task<IReadOnlyList<Callout>> Callouts() => (await _world.Page()).Callouts;

    [Theory]
    [InlineData(CalloutKind.NewVariantAdded, "New variant added – publish the project so you can assign the new variant to numbers")]
    [InlineData(CalloutKind.VariantDeleted, "Variant deleted – some assigned variants were removed; publish to see the changes")]
    [InlineData(CalloutKind.DraftVariants, "Draft variants – your project now uses variants; publish so you can assign them")]
    public void Callouts_use_the_exact_wording_of_the_numbers_page(CalloutKind kind, string text)
    {
        var callout = new[] { Callout.NewVariantAdded, Callout.VariantDeleted, Callout.DraftVariants }.Single(c => c.Kind == kind);

        Assert.Equal(text, callout.FullText);
    }

    [Fact]
    public async Task A_project_without_variants_has_no_callouts()
    {
        await _world.NumberIn(AgentEnvironment.Sandbox);
        await _world.Publish();

        Assert.Empty(await Callouts());
        Assert.False((await _world.Page()).UsesVariants);
    }

    [Fact]
    public async Task First_drafts_bring_the_draft_variants_callout()
    {
        await _world.Draft("London");

        Assert.Equal([Callout.DraftVariants], await Callouts());
        Assert.True((await _world.Page()).UsesVariants);
    }

    [Fact]
    public async Task Once_everything_is_published_there_is_no_callout()
    {
        await _world.Publish("London", "Leeds");

        Assert.Empty(await Callouts());
    }

    [Fact]
    public async Task A_draft_missing_from_Sandbox_brings_the_new_variant_callout()
    {
        await _world.Publish("London");
        await _world.Draft("Leeds");

        Assert.Equal([Callout.NewVariantAdded], await Callouts());
    }

    [Fact]
    public async Task Publishing_the_new_variant_clears_its_callout()
    {
        await _world.Publish("London");
        await _world.Draft("Leeds");

        await _world.Publish();

        Assert.Empty(await Callouts());
    }

    [Fact]
    public async Task Renaming_a_published_variant_brings_no_callout()
    {
        await _world.Publish("London");

        await _world.Handle(new RenameVariant(_world.Ada, null, "London", "London Central"));

        Assert.Empty(await Callouts());
    }

    [Fact]
    public async Task Deleting_an_assigned_variant_brings_the_variant_deleted_callout()
    {
        await _world.Publish("London", "Leeds");
        await _world.NumberIn(AgentEnvironment.Sandbox, variant: "Leeds");

        await _world.Handle(new DeleteVariant(_world.Ada, null, "Leeds"));

        Assert.Equal([Callout.VariantDeleted], await Callouts());
    }

    [Fact]
    public async Task Deleting_a_variant_no_number_uses_brings_no_callout()
    {
        await _world.Publish("London", "Leeds");
        await _world.NumberIn(AgentEnvironment.Sandbox, variant: "London");

        await _world.Handle(new DeleteVariant(_world.Ada, null, "Leeds"));

        Assert.Empty(await Callouts());
    }
}
