using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Persistence;
using NumbersBot.Domain;
using NumbersBot.Domain.Audit;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class RepositorySuite
{
    [SkippableFact]
    public async Task A_connection_is_held_only_during_a_unit_of_work()
    {
        var number = await StoredNumberAsync("+14155550100");
        await using var bot = NewInstance();
        var session = bot.Get<DbSession>();

        Assert.NotNull(await bot.Numbers.FindAsync(number.Id, Ct));
        Assert.False(session.HoldsConnection); // a Twilio or Slack call made now keeps no connection from others
        await using (var work = await bot.BeginAsync())
        {
            await bot.Numbers.FindAsync(number.Id, Ct);
            Assert.True(session.HoldsConnection);
            await work.CommitAsync(Ct);
        }
        Assert.False(session.HoldsConnection);
        await using (await bot.BeginAsync())
        {
        }
        Assert.False(session.HoldsConnection);
    }

    [SkippableFact]
    public async Task Writes_in_a_unit_of_work_that_is_not_committed_are_rolled_back()
    {
        var number = NewNumber("+14155550100");
        await using (var bot = NewInstance())
        {
            await using var work = await bot.BeginAsync();
            await bot.Numbers.AddAsync(number, Ct);
            await bot.Audit.AppendAsync(NewEntry(Now, AuditActions.NumberAdded), Ct);
        }

        await using var reader = NewInstance();
        Assert.Null(await reader.Numbers.FindAsync(number.Id, Ct));
        Assert.Empty(await reader.Audit.ForNumberAsync("+14155550100", Ct));
    }

    [SkippableFact]
    public async Task A_refusal_inside_a_unit_of_work_leaves_none_of_its_writes()
    {
        await StoredNumberAsync("+14155550100");
        await using (var bot = NewInstance())
        {
            await using var work = await bot.BeginAsync();
            await bot.Audit.AppendAsync(NewEntry(Now, AuditActions.NumberAdded), Ct);
            await Assert.ThrowsAsync<DomainException>(() => bot.Numbers.AddAsync(NewNumber("+14155550100", "beta"), Ct));
        }

        await using var reader = NewInstance();
        Assert.Empty(await reader.Audit.ForNumberAsync("+14155550100", Ct));
    }

    [SkippableFact]
    public async Task Committed_writes_are_seen_by_other_instances_and_uncommitted_ones_are_not()
    {
        var number = NewNumber("+14155550100");
        await using var writer = NewInstance();
        await using var other = NewInstance();
        await using (var work = await writer.BeginAsync())
        {
            await writer.Numbers.AddAsync(number, Ct);
            await writer.Audit.AppendAsync(NewEntry(Now, AuditActions.NumberAdded), Ct);
            Assert.NotNull(await writer.Numbers.FindAsync(number.Id, Ct));
            Assert.Null(await other.Numbers.FindAsync(number.Id, Ct));
            await work.CommitAsync(Ct);
        }

        Assert.NotNull(await other.Numbers.FindAsync(number.Id, Ct));
        Assert.Single(await other.Audit.ForNumberAsync("+14155550100", Ct));
    }

    [SkippableFact]
    public async Task Outside_a_unit_of_work_each_write_is_stored_at_once()
    {
        var number = NewNumber("+14155550100");
        await using var writer = NewInstance();
        await using var other = NewInstance();

        await writer.Numbers.AddAsync(number, Ct);
        Assert.NotNull(await other.Numbers.FindAsync(number.Id, Ct));
    }

    [SkippableFact]
    public async Task A_unit_of_work_cannot_be_begun_inside_another()
    {
        await using var bot = NewInstance();
        await using var work = await bot.BeginAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => bot.BeginAsync());
    }

    [SkippableFact]
    public async Task A_new_unit_of_work_may_follow_a_finished_one()
    {
        await using var bot = NewInstance();
        await using (var first = await bot.BeginAsync()) await first.CommitAsync(Ct);
        await using (await bot.BeginAsync()) { }

        var number = NewNumber("+14155550100");
        await using (var third = await bot.BeginAsync())
        {
            await bot.Numbers.AddAsync(number, Ct);
            await third.CommitAsync(Ct);
        }
        Assert.NotNull(await bot.Numbers.FindAsync(number.Id, Ct));
    }

    [SkippableFact]
    public async Task Migrating_again_changes_nothing_and_keeps_the_data()
    {
        var number = await StoredNumberAsync("+14155550100");

        DatabaseStartup.Migrate(Options, NullLogger.Instance);
        DatabaseStartup.Migrate(Options, NullLogger.Instance);

        await using var reader = NewInstance();
        Assert.NotNull(await reader.Numbers.FindAsync(number.Id, Ct));
    }
}
