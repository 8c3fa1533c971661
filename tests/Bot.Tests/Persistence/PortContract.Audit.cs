using NumbersBot.Domain.Audit;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class PortContract
{
    [SkippableFact]
    public async Task An_audit_entry_reads_back_with_every_field()
    {
        var full = NewEntry(Now, AuditActions.NumberAdded);
        var sparse = new AuditEntry(Guid.NewGuid(), Now.AddSeconds(1), Carol.User.Key, "Carol", Carol.User.Channel,
            AuditActions.ProjectPublished, "alpha", null, null, null, "version 1");
        await using var bot = NewInstance();
        await bot.Audit.AppendAsync(full, Ct);
        await bot.Audit.AppendAsync(sparse, Ct);

        Assert.Equal([sparse, full], await bot.Audit.ForProjectAsync("alpha", 10, Ct));
    }

    [SkippableFact]
    public async Task A_numbers_history_is_oldest_first()
    {
        var second = NewEntry(Now.AddMinutes(1), AuditActions.VariantReassigned);
        var first = NewEntry(Now, AuditActions.NumberAdded);
        var third = NewEntry(Now.AddMinutes(1), AuditActions.DeletionRequested);
        await using var bot = NewInstance();
        foreach (var entry in new[] { second, first, third, NewEntry(Now, AuditActions.NumberAdded, number: "+14155550199") })
            await bot.Audit.AppendAsync(entry, Ct);

        Assert.Equal([first.Id, second.Id, third.Id], (await bot.Audit.ForNumberAsync("+14155550100", Ct)).Select(e => e.Id));
    }

    [SkippableFact]
    public async Task A_projects_history_is_newest_first_and_as_long_as_asked()
    {
        var entries = Enumerable.Range(0, 5).Select(i => NewEntry(Now.AddMinutes(i), AuditActions.VariantCreated)).ToList();
        await using var bot = NewInstance();
        foreach (var entry in entries.AsEnumerable().Reverse()) await bot.Audit.AppendAsync(entry, Ct);
        await bot.Audit.AppendAsync(NewEntry(Now.AddHours(1), AuditActions.VariantCreated, projectId: "beta"), Ct);

        Assert.Equal([entries[4].Id, entries[3].Id, entries[2].Id], (await bot.Audit.ForProjectAsync("alpha", 3, Ct)).Select(e => e.Id));
        Assert.Empty(await bot.Audit.ForProjectAsync("alpha", 0, Ct));
    }

    [SkippableFact]
    public async Task Times_in_other_offsets_are_stored_as_the_same_instant_in_utc_and_ordered_by_it()
    {
        // 11:00 at +02:00 is 09:00 UTC: before 10:00 UTC, though its local text sorts after it.
        var earlier = NewEntry(new DateTimeOffset(2025, 3, 4, 11, 0, 0, TimeSpan.FromHours(2)), AuditActions.NumberAdded);
        var later = NewEntry(new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero), AuditActions.VariantReassigned);
        await using var bot = NewInstance();
        await bot.Audit.AppendAsync(later, Ct);
        await bot.Audit.AppendAsync(earlier, Ct);

        var history = await bot.Audit.ForNumberAsync("+14155550100", Ct);
        Assert.Equal([earlier.Id, later.Id], history.Select(e => e.Id));
        Assert.Equal(earlier.At, history[0].At);
        Assert.Equal(TimeSpan.Zero, history[0].At.Offset);
    }
}
