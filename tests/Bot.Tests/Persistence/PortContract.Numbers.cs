using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class PortContract
{
    [SkippableFact]
    public async Task A_number_reads_back_with_every_field()
    {
        var number = NewNumber("+14155550100", environment: AgentEnvironment.PreRelease);
        await using (var bot = NewInstance()) await bot.Numbers.AddAsync(number, Ct);

        await using var reader = NewInstance();
        var found = await reader.Numbers.FindAsync(number.Id, Ct);
        Assert.NotNull(found);
        Assert.Equivalent(number, found, strict: true);
        Assert.Equal(TimeSpan.Zero, found.AddedAt.Offset);
        Assert.Equivalent(number, await reader.Numbers.FindByE164Async("+14155550100", Ct), strict: true);
    }

    [SkippableFact]
    public async Task The_numbers_listed_among_some_are_found_in_any_project()
    {
        await StoredNumberAsync("+14155550101", projectId: "alpha");
        await StoredNumberAsync("+14155550103", projectId: "beta");

        await using var reader = NewInstance();
        var listed = await reader.Numbers.ListedAmongAsync(["+14155550101", "+14155550102", "+14155550103"], Ct);
        Assert.Equal(["+14155550101", "+14155550103"], listed.Order(StringComparer.Ordinal));
        Assert.Empty(await reader.Numbers.ListedAmongAsync([], Ct));
    }

    [SkippableFact]
    public async Task A_number_without_a_variant_reads_back_without_one()
    {
        var number = NewNumber("+14155550100", variantId: null);
        await using (var bot = NewInstance()) await bot.Numbers.AddAsync(number, Ct);

        await using var reader = NewInstance();
        Assert.Null((await reader.Numbers.FindAsync(number.Id, Ct))!.VariantId);
    }

    [SkippableFact]
    public async Task Adding_a_number_stores_its_first_version()
    {
        var number = await StoredNumberAsync("+14155550100");

        await using var reader = NewInstance();
        Assert.Equal(1, number.Version);
        Assert.Equal(1, (await reader.Numbers.FindAsync(number.Id, Ct))!.Version);
    }

    [SkippableFact]
    public async Task A_projects_numbers_are_listed_without_other_projects_numbers()
    {
        var first = await StoredNumberAsync("+14155550102");
        var second = await StoredNumberAsync("+14155550101");
        await StoredNumberAsync("+14155550103", projectId: "beta");

        await using var reader = NewInstance();
        var listed = await reader.Numbers.ListAsync("alpha", Ct);
        Assert.Equal([second.Id, first.Id], listed.Select(n => n.Id));
    }

    [SkippableFact]
    public async Task A_number_held_by_any_project_cannot_be_added_again()
    {
        await StoredNumberAsync("+14155550100", projectId: "alpha");

        await using var bot = NewInstance();
        var again = NewNumber("+14155550100", projectId: "beta");
        var refused = await Assert.ThrowsAsync<DomainException>(() => bot.Numbers.AddAsync(again, Ct));
        Assert.Equal(RefusalKind.Conflict, refused.Kind);
        Assert.Equal($"{again.Number.Display} is already imported.", refused.Message);
        Assert.Empty(await bot.Numbers.ListAsync("beta", Ct));
    }

    [SkippableFact]
    public async Task Updating_a_number_stores_its_variant_and_bumps_its_version()
    {
        var number = await StoredNumberAsync("+14155550100");
        number.AssignVariant(new Variant("v-leeds", "Leeds"));

        await using (var bot = NewInstance()) await bot.Numbers.UpdateAsync(number, Ct);

        await using var reader = NewInstance();
        var stored = await reader.Numbers.FindAsync(number.Id, Ct);
        Assert.Equal(("v-leeds", 2), (stored!.VariantId, stored.Version));
        Assert.Equal(2, number.Version);
    }

    [SkippableFact]
    public async Task Updating_a_number_changed_by_someone_else_is_refused()
    {
        var stored = await StoredNumberAsync("+14155550100");
        await using var mine = NewInstance();
        await using var theirs = NewInstance();
        var myCopy = (await mine.Numbers.FindAsync(stored.Id, Ct))!;
        var theirCopy = (await theirs.Numbers.FindAsync(stored.Id, Ct))!;

        theirCopy.AssignVariant(new Variant("v-theirs", "Theirs"));
        await theirs.Numbers.UpdateAsync(theirCopy, Ct);
        myCopy.AssignVariant(new Variant("v-mine", "Mine"));
        var refused = await Assert.ThrowsAsync<DomainException>(() => mine.Numbers.UpdateAsync(myCopy, Ct));

        Assert.Equal((RefusalKind.Conflict, DomainException.Changed(stored.Number.Display).Message), (refused.Kind, refused.Message));
        Assert.Equal(1, myCopy.Version);
        Assert.Equal("v-theirs", (await mine.Numbers.FindAsync(stored.Id, Ct))!.VariantId);
    }

    [SkippableFact]
    public async Task Deleting_a_number_removes_it()
    {
        var number = await StoredNumberAsync("+14155550100");

        await using var bot = NewInstance();
        await bot.Numbers.DeleteAsync(number, Ct);
        Assert.Null(await bot.Numbers.FindAsync(number.Id, Ct));
        Assert.Null(await bot.Numbers.FindByE164Async("+14155550100", Ct));
    }

    [SkippableFact]
    public async Task Deleting_a_number_changed_by_someone_else_is_refused()
    {
        var stale = await StoredNumberAsync("+14155550100");
        await using var bot = NewInstance();
        var fresh = (await bot.Numbers.FindAsync(stale.Id, Ct))!;
        fresh.AssignVariant(new Variant("v-leeds", "Leeds"));
        await bot.Numbers.UpdateAsync(fresh, Ct);

        var refused = await Assert.ThrowsAsync<DomainException>(() => bot.Numbers.DeleteAsync(stale, Ct));
        Assert.Equal(RefusalKind.Conflict, refused.Kind);
        Assert.NotNull(await bot.Numbers.FindAsync(stale.Id, Ct));
    }

    [SkippableFact]
    public async Task Deleting_a_number_someone_else_deleted_is_refused()
    {
        var number = await StoredNumberAsync("+14155550100");
        await using (var other = NewInstance()) await other.Numbers.DeleteAsync(number, Ct);

        await using var bot = NewInstance();
        var refused = await Assert.ThrowsAsync<DomainException>(() => bot.Numbers.DeleteAsync(number, Ct));
        Assert.Equal((RefusalKind.Conflict, DomainException.Changed(number.Number.Display).Message), (refused.Kind, refused.Message));
    }
}
