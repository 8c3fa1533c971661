using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Telephony;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class PortContract
{
    private static DriftNotice Notice(string channel = "slack", string destination = "C0ADMINS") =>
        new("untracked:PN1", channel, destination, "acme", "+14155550199", "Twilio holds +14155550199 and no project lists it.", "PN1", "Twilio 20404 (HTTP 404)", 0);

    [SkippableFact]
    public async Task A_drift_notice_is_recorded_once_and_reads_back_whole()
    {
        await using var bot = NewInstance();

        Assert.True(await bot.DriftNotices.TryAddAsync(Notice(), Now, posted: false, Ct));
        Assert.False(await bot.DriftNotices.TryAddAsync(Notice() with { Text = "again" }, Now.AddMinutes(1), posted: false, Ct));

        // Read back with when it was first recorded: how long a repair's card has waited.
        Assert.Equal([Notice() with { CreatedAt = Now }], await bot.DriftNotices.ForFindingAsync("untracked:PN1", Ct));
        Assert.Equal([Notice() with { CreatedAt = Now }], await bot.DriftNotices.DueAsync(Now, 10, Ct));
    }

    [SkippableFact]
    public async Task A_repairs_notice_reads_back_with_its_environment_and_the_numbers_it_re_routed()
    {
        await using var bot = NewInstance();
        var repair = new DriftNotice("rerouted:1", "teams", "19:admins", "acme", null, "Live's SIP trunk sent calls elsewhere.", null, null, 0)
        {
            Environment = Domain.Environments.AgentEnvironment.Live, Rerouted = "+14155550100 +14155550101",
        };

        Assert.True(await bot.DriftNotices.TryAddAsync(repair, Now, posted: false, Ct));

        var read = Assert.Single(await bot.DriftNotices.DueAsync(Now, 10, Ct));
        Assert.Equal(repair with { CreatedAt = Now }, read);
        Assert.Equal(["+14155550100", "+14155550101"], read.ReroutedNumbers);
    }

    [SkippableFact]
    public async Task A_drift_notice_is_posted_by_one_instance_and_a_failed_post_waits_its_turn()
    {
        await using var bot = NewInstance();
        await bot.DriftNotices.TryAddAsync(Notice(), Now, posted: false, Ct);
        await bot.DriftNotices.TryAddAsync(Notice("", ""), Now, posted: true, Ct);
        await using var other = NewInstance();

        var leases = await Task.WhenAll(
            bot.DriftNotices.TryLeaseAsync(Notice(), Now, Now.AddMinutes(2), Ct), other.DriftNotices.TryLeaseAsync(Notice(), Now, Now.AddMinutes(2), Ct));
        Assert.Single(leases, won => won);
        Assert.Empty(await bot.DriftNotices.DueAsync(Now.AddMinutes(1), 10, Ct));

        await bot.DriftNotices.RetryLaterAsync(Notice(), Now.AddMinutes(5), "Slack answered 503", Ct);
        Assert.Empty(await bot.DriftNotices.DueAsync(Now.AddMinutes(4), 10, Ct));
        Assert.Equal(1, Assert.Single(await bot.DriftNotices.DueAsync(Now.AddMinutes(5), 10, Ct)).Attempts);

        await bot.DriftNotices.RecordPostedAsync(Notice(), Now.AddMinutes(6), Ct);
        Assert.Empty(await bot.DriftNotices.DueAsync(Now.AddHours(1), 10, Ct));
    }

    [SkippableFact]
    public async Task A_leased_drift_notice_waits_without_counting_an_attempt()
    {
        await using var bot = NewInstance();
        await bot.DriftNotices.TryAddAsync(Notice(), Now, posted: false, Ct);

        Assert.True(await bot.DriftNotices.TryLeaseAsync(Notice(), Now, Now.AddMinutes(1), Ct));
        Assert.Empty(await bot.DriftNotices.DueAsync(Now.AddSeconds(59), 10, Ct));
        Assert.Equal(0, Assert.Single(await bot.DriftNotices.DueAsync(Now.AddMinutes(1), 10, Ct)).Attempts);

        await bot.DriftNotices.RetryLaterAsync(Notice(), Now.AddMinutes(2), "Slack answered 503", Ct);
        Assert.True(await bot.DriftNotices.TryLeaseAsync(Notice(), Now.AddMinutes(2), Now.AddMinutes(3), Ct));
        Assert.Empty(await bot.DriftNotices.DueAsync(Now.AddMinutes(2), 10, Ct));
        Assert.Equal(1, Assert.Single(await bot.DriftNotices.DueAsync(Now.AddMinutes(3), 10, Ct)).Attempts);
    }

    [SkippableFact]
    public async Task A_job_lease_is_held_by_one_instance_until_it_is_released_or_runs_out()
    {
        await using var first = NewInstance();
        await using var second = NewInstance();

        var taken = await Task.WhenAll(
            first.Leases.TryTakeAsync("drift-check", "a", Now, Now.AddMinutes(15), Ct), second.Leases.TryTakeAsync("drift-check", "b", Now, Now.AddMinutes(15), Ct));
        Assert.Single(taken, won => won);
        var (holder, waiter) = taken[0] ? ("a", "b") : ("b", "a");

        Assert.False(await first.Leases.TryTakeAsync("drift-check", waiter, Now.AddMinutes(1), Now.AddMinutes(16), Ct));
        Assert.True(await first.Leases.TryTakeAsync("drift-check", waiter, Now.AddMinutes(15), Now.AddMinutes(30), Ct));
        await second.Leases.ReleaseAsync("drift-check", holder, Now.AddMinutes(16), Ct);
        Assert.False(await second.Leases.TryTakeAsync("drift-check", holder, Now.AddMinutes(16), Now.AddMinutes(31), Ct));
        await second.Leases.ReleaseAsync("drift-check", waiter, Now.AddMinutes(17), Ct);
        Assert.True(await second.Leases.TryTakeAsync("drift-check", holder, Now.AddMinutes(17), Now.AddMinutes(32), Ct));
    }
}
