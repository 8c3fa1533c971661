using NumbersBot.Domain;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class PortContract
{
    [SkippableFact]
    public async Task A_project_that_never_had_variants_has_an_empty_catalog()
    {
        await using var bot = NewInstance();
        var catalog = await bot.Variants.GetAsync("alpha", Ct);

        Assert.Equal(("alpha", 0, 0), (catalog.ProjectId, catalog.Version, catalog.LastVersionNumber));
        Assert.Empty(catalog.Drafts);
        Assert.Empty(catalog.Published);
    }

    [SkippableFact]
    public async Task A_variant_catalog_reads_back_with_drafts_in_order_and_every_published_version()
    {
        await using var bot = NewInstance();
        var catalog = await bot.Variants.GetAsync("alpha", Ct);
        catalog.AddDraft("v-london", "London");
        catalog.AddDraft("v-manchester", "Manchester");
        catalog.Publish(Now);
        catalog.Promote(AgentEnvironment.Sandbox, Now.AddMinutes(1));
        catalog.AddDraft("v-leeds", "Leeds");
        catalog.RenameDraft("v-london", "Greater London");
        catalog.Publish(Now.AddMinutes(2));
        catalog.AddDraft("v-bristol", "Bristol");

        await bot.Variants.SaveAsync(catalog, Ct);

        await using var reader = NewInstance();
        var stored = await reader.Variants.GetAsync("alpha", Ct);
        Assert.Equivalent(catalog, stored, strict: true);
        Assert.Equal(["Greater London", "Manchester", "Leeds", "Bristol"], stored.Drafts.Select(v => v.Name));
        Assert.Equal((2, 1), (stored.Published[AgentEnvironment.Sandbox].Number, stored.Published[AgentEnvironment.PreRelease].Number));
        Assert.Equal(Now.AddMinutes(1), stored.Published[AgentEnvironment.PreRelease].PublishedAt);
        Assert.Equal(1, stored.Version);
    }

    [SkippableFact]
    public async Task Saving_variants_again_bumps_their_version()
    {
        await using var bot = NewInstance();
        var catalog = await bot.Variants.GetAsync("alpha", Ct);
        catalog.AddDraft("v-london", "London");
        await bot.Variants.SaveAsync(catalog, Ct);
        catalog.AddDraft("v-leeds", "Leeds");
        await bot.Variants.SaveAsync(catalog, Ct);

        await using var reader = NewInstance();
        var stored = await reader.Variants.GetAsync("alpha", Ct);
        Assert.Equal((2, 2), (catalog.Version, stored.Version));
        Assert.Equal(["London", "Leeds"], stored.Drafts.Select(v => v.Name));
    }

    [SkippableFact]
    public async Task Saving_variants_changed_by_someone_else_is_refused()
    {
        await using (var setup = NewInstance())
        {
            var catalog = await setup.Variants.GetAsync("alpha", Ct);
            catalog.AddDraft("v-london", "London");
            await setup.Variants.SaveAsync(catalog, Ct);
        }

        Assert.Equal(["London", "Leeds"], await SaveRacedByAnotherInstanceAsync());
    }

    [SkippableFact]
    public async Task Creating_the_first_variants_twice_over_is_refused_the_second_time()
    {
        Assert.Equal(["Leeds"], await SaveRacedByAnotherInstanceAsync());
    }

    /// <summary>
    /// Two instances read the catalog; the other adds Leeds and saves first, then this one's save of York is refused as a
    /// conflict. Returns the drafts stored afterwards.
    /// </summary>
    private async Task<IReadOnlyList<string>> SaveRacedByAnotherInstanceAsync()
    {
        await using var mine = NewInstance();
        await using var theirs = NewInstance();
        var myCopy = await mine.Variants.GetAsync("alpha", Ct);
        var theirCopy = await theirs.Variants.GetAsync("alpha", Ct);

        theirCopy.AddDraft("v-leeds", "Leeds");
        await theirs.Variants.SaveAsync(theirCopy, Ct);
        myCopy.AddDraft("v-york", "York");
        var refused = await Assert.ThrowsAsync<DomainException>(() => mine.Variants.SaveAsync(myCopy, Ct));

        Assert.Equal(RefusalKind.Conflict, refused.Kind);
        return (await mine.Variants.GetAsync("alpha", Ct)).Drafts.Select(v => v.Name).ToList();
    }
}
