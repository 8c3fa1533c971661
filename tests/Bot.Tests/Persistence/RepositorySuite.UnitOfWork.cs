using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Persistence;
using NumbersBot.Domain;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Projects;

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
    public async Task A_project_held_by_a_unit_of_work_is_changed_by_no_one_else_until_the_work_ends()
    {
        await using (var bot = NewInstance()) await bot.Projects.AddAsync(NewProject("alpha", "Alpha Agent"), Ct);
        await using var other = NewInstance();
        var theirs = (await other.Projects.FindAsync("alpha", Ct))!;
        await using var holder = NewInstance();
        await using var work = await holder.BeginAsync();
        var held = (await holder.Projects.FindAsync("alpha", Ct))!;
        Assert.True(await holder.Projects.HoldAsync(held, Ct));

        theirs.Rename("Renamed Meanwhile");
        // On a thread of its own: SQLite waits for a lock by blocking the caller.
        var renaming = Task.Run(() => other.Projects.SaveAsync(theirs, Ct));
        await AssertStillWaitingAsync(renaming);
        held.SetSip(AgentEnvironment.Live, new SipAddresses("sip:moved@alpha.voice.example.com", "sip:moved-fallback@alpha.voice.example.com"));
        await holder.Projects.SaveAsync(held, Ct);
        await work.CommitAsync(Ct);

        var refused = await Assert.ThrowsAsync<DomainException>(() => renaming);
        Assert.Equal((RefusalKind.Conflict, DomainException.Changed("Project 'Renamed Meanwhile'").Message), (refused.Kind, refused.Message));
        var stored = (await other.Projects.FindAsync("alpha", Ct))!;
        Assert.Equal(("Alpha Agent", "sip:moved@alpha.voice.example.com"), (stored.Name, stored.SipFor(AgentEnvironment.Live).Main));
    }

    [SkippableFact]
    public async Task A_change_that_waited_for_a_hold_goes_through_after_the_work_and_sees_what_the_work_wrote()
    {
        await using (var bot = NewInstance()) await bot.Projects.AddAsync(NewProject("alpha", "Alpha Agent"), Ct);
        await using var other = NewInstance();
        var theirs = (await other.Projects.FindAsync("alpha", Ct))!;
        await using var holder = NewInstance();
        await using var work = await holder.BeginAsync();
        Assert.True(await holder.Projects.HoldAsync((await holder.Projects.FindAsync("alpha", Ct))!, Ct));
        var number = NewNumber("+14155550100");
        await holder.Numbers.AddAsync(number, Ct);

        // In the order a SIP change works (here a rename): store the project, then list its numbers to route them.
        theirs.Rename("Renamed Meanwhile");
        var renaming = Task.Run(async () =>
        {
            await using var theirWork = await other.BeginAsync();
            await other.Projects.SaveAsync(theirs, Ct);
            var numbers = await other.Numbers.ListAsync("alpha", Ct);
            await theirWork.CommitAsync(Ct);
            return numbers;
        });
        await AssertStillWaitingAsync(renaming);
        await work.CommitAsync(Ct);

        Assert.Equal([number.Id], (await renaming).Select(n => n.Id));
        Assert.Equal("Renamed Meanwhile", (await other.Projects.FindAsync("alpha", Ct))!.Name);
    }

    /// <summary>The delay only gives the write a chance to run: one that waits for a lock never completes within it.</summary>
    private static async Task AssertStillWaitingAsync(Task write)
    {
        await Task.WhenAny(write, Task.Delay(TimeSpan.FromMilliseconds(250)));
        Assert.False(write.IsCompleted, "a change to the held project went through before the holding work ended");
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
