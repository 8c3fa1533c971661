namespace NumbersBot.Domain.Tests;

public sealed class VariantTests
{
    private readonly DomainWorld _world = new();

    private Task<VariantCatalog> Catalog() => _world.Variants.GetAsync(_world.Project.Id, CancellationToken.None);

    [Fact]
    public async Task The_first_variant_is_the_default()
    {
        var london = await _world.Handle(new CreateVariant(_world.Ada, null, "London"));
        var leeds = await _world.Handle(new CreateVariant(_world.Ada, null, "Leeds"));

        Assert.True(london.IsDefault);
        Assert.False(leeds.IsDefault);
        Assert.Equal(london.Variant, (await Catalog()).Default);
    }

    [Fact]
    public async Task Variant_names_are_unique_ignoring_case()
    {
        await _world.Draft("London");

        var refusal = await _world.Handle(new CreateVariant(_world.Ada, null, " LONDON ")).Refused(RefusalKind.Conflict);

        Assert.Contains("variant names are unique", refusal.Message);
        Assert.Single((await Catalog()).Drafts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_variant_needs_a_name(string name) =>
        await _world.Handle(new CreateVariant(_world.Ada, null, name)).Refused(RefusalKind.Invalid);

    [Fact]
    public async Task A_variant_name_is_at_most_60_characters()
    {
        await _world.Draft(new string('a', 60));

        await _world.Handle(new CreateVariant(_world.Ada, null, new string('b', 61))).Refused(RefusalKind.Invalid);
    }

    [Fact]
    public async Task Renaming_keeps_the_id_and_names_unique()
    {
        await _world.Draft("London");
        var leeds = await _world.Draft("Leeds");

        await _world.Handle(new RenameVariant(_world.Ada, null, "leeds", "london")).Refused(RefusalKind.Conflict);
        var renamed = await _world.Handle(new RenameVariant(_world.Ada, null, leeds.Id, "Leeds North"));

        Assert.Equal(new Variant(leeds.Id, "Leeds North"), renamed.After);
        Assert.Equal(["London", "Leeds North"], (await Catalog()).Drafts.Select(v => v.Name));
    }

    [Fact]
    public async Task Renaming_a_variant_to_its_own_name_in_another_case_is_allowed()
    {
        var london = await _world.Draft("london");

        var renamed = await _world.Handle(new RenameVariant(_world.Ada, null, london.Id, "London"));

        Assert.Equal("London", renamed.After.Name);
    }

    [Fact]
    public async Task Renaming_an_unknown_variant_is_not_found() =>
        await _world.Handle(new RenameVariant(_world.Ada, null, "Paris", "Lyon")).Refused(RefusalKind.NotFound);

    [Fact]
    public async Task The_default_cannot_be_deleted_while_others_exist()
    {
        await _world.Draft("London");
        await _world.Draft("Leeds");

        var refusal = await _world.Handle(new DeleteVariant(_world.Ada, null, "London")).Refused(RefusalKind.Invalid);

        Assert.Contains("'London' is the default variant and cannot be deleted while other variants exist", refusal.Message);
        Assert.Equal(2, (await Catalog()).Drafts.Count);
    }

    [Fact]
    public async Task The_default_can_be_deleted_once_it_is_alone()
    {
        await _world.Draft("London");
        await _world.Draft("Leeds");

        await _world.Handle(new DeleteVariant(_world.Ada, null, "Leeds"));
        await _world.Handle(new DeleteVariant(_world.Ada, null, "London"));

        Assert.Empty((await Catalog()).Drafts);
    }

    [Fact]
    public async Task Publishing_snapshots_the_drafts_to_Sandbox_with_increasing_version_numbers()
    {
        var first = await _world.Publish("London");
        await _world.Draft("Leeds");

        Assert.Equal(["London"], (await Catalog()).PublishedTo(AgentEnvironment.Sandbox).Select(v => v.Name));
        var second = await _world.Publish();

        Assert.Equal((1, 2), (first.Number, second.Number));
        var catalog = await Catalog();
        Assert.Equal(["London", "Leeds"], catalog.PublishedTo(AgentEnvironment.Sandbox).Select(v => v.Name));
        Assert.Empty(catalog.PublishedTo(AgentEnvironment.PreRelease));
        Assert.Empty(catalog.PublishedTo(AgentEnvironment.Live));
    }

    [Fact]
    public async Task Promoting_moves_a_version_from_Sandbox_to_PreRelease_then_to_Live()
    {
        await _world.Publish("London");

        var toPreRelease = await _world.Handle(new PromoteVersion(_world.Ada, null, AgentEnvironment.Sandbox));
        await _world.Publish("Leeds");
        var toLive = await _world.Handle(new PromoteVersion(_world.Ada, null, AgentEnvironment.PreRelease));

        Assert.Equal((AgentEnvironment.PreRelease, 1), (toPreRelease.To, toPreRelease.Version.Number));
        Assert.Equal((AgentEnvironment.Live, 1), (toLive.To, toLive.Version.Number));
        var catalog = await Catalog();
        Assert.Equal(2, catalog.Published[AgentEnvironment.Sandbox].Number);
        Assert.Equal(["London"], catalog.PublishedTo(AgentEnvironment.Live).Select(v => v.Name));
    }

    [Fact]
    public async Task Promoting_from_Live_is_refused()
    {
        await _world.PublishTo(AgentEnvironment.Live, "London");

        var refusal = await _world.Handle(new PromoteVersion(_world.Ada, null, AgentEnvironment.Live)).Refused(RefusalKind.Invalid);

        Assert.Contains("Live is the last environment", refusal.Message);
    }

    [Theory]
    [InlineData(AgentEnvironment.Sandbox)]
    [InlineData(AgentEnvironment.PreRelease)]
    public async Task Promoting_with_nothing_published_there_is_refused(AgentEnvironment from)
    {
        await _world.Draft("London");
        if (from == AgentEnvironment.PreRelease) await _world.Publish();

        var refusal = await _world.Handle(new PromoteVersion(_world.Ada, null, from)).Refused(RefusalKind.Invalid);

        Assert.Contains($"Nothing is published to {from.DisplayName()} yet", refusal.Message);
        Assert.False((await Catalog()).Published.ContainsKey(from.PromotesTo()!.Value));
    }

    [Fact]
    public async Task Changing_variants_needs_Variants_Edit()
    {
        var refusal = await _world.Handle(new CreateVariant(_world.Rita, null, "London")).Refused(RefusalKind.Forbidden);

        Assert.Contains("you need Edit access", refusal.Message);
        await _world.Handle(new CreateVariant(_world.Mel, null, "London"));
        Assert.Single((await Catalog()).Drafts);
    }

    [Fact]
    public async Task Variant_changes_are_audited()
    {
        await _world.Publish("London");
        await _world.Handle(new PromoteVersion(_world.Mel, null, AgentEnvironment.Sandbox));

        Assert.Equal([AuditActions.VariantCreated, AuditActions.ProjectPublished, AuditActions.VersionPromoted], _world.Audit.Actions);
        var published = _world.Audit.Entries[1];
        Assert.Equal(("Sandbox: nothing published", "Sandbox: version 1 (London)"), (published.Before, published.After));
        var promoted = _world.Audit.Entries[2];
        Assert.Equal(("local:mel", "Pre-release: version 1 (London)"), (promoted.ActorKey, promoted.After));
    }

    [Fact]
    public async Task Variants_can_be_edited_without_a_telephony_integration()
    {
        var world = new DomainWorld(TelephonyIntegration.None);

        var published = await world.Publish("London");

        Assert.Equal("London", Assert.Single(published.Variants).Name);
    }
}
