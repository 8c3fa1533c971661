using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Telephony;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using Quartz;

namespace NumbersBot.Bot.Approvals;

/// <summary>
/// Keeps every copy of every approval true. Posts each pending request to every approvers' place that has no copy
/// yet (claimed first), then brings each copy whose shown state differs from its request's up to date. All it needs
/// is read from the database, so a restart between a decision and the edits still edits every copy.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ApprovalCopiesJob(
    IServiceScopeFactory scopes, ApprovalPlaces places, IEnumerable<IReplyChannel> channels, TimeProvider clock, ILogger<ApprovalCopiesJob> logger)
    : IJob
{
    public static readonly JobKey Key = new("approval-copies");

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(10);

    // About two hours of failures (waits double up to LongestWait): longer than any request stays pending.
    public const int MostAttempts = 20;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IApprovalCopyStore>();
        var approvals = scope.ServiceProvider.GetRequiredService<IApprovalRepository>();
        foreach (var place in places.All)
        {
            if (Channel(place.Channel) is null) continue;
            foreach (var id in await store.PendingWithoutCopyAsync(place.Channel, CopyKind.Approvers, place.Destination, 20, ct))
            {
                var now = clock.GetUtcNow();
                var copy = new ApprovalCopy(id, place.Channel, CopyKind.Approvers, place.Destination, null, null, 1);
                // Claimed before posting: of two instances, only the one whose insert lands posts.
                if (!await store.TryClaimAsync(copy, now, now + Lease, ct)) continue;
                if (await approvals.FindAsync(id, ct) is not { } request) continue;
                await ClaimOutcomeAsync(store, request, now, ct);
                await ShowAsync(store, copy, request, scope.ServiceProvider.GetRequiredService<NumberTraffic>(), ct);
            }
        }
        foreach (var copy in await store.OutOfDateAsync(clock.GetUtcNow(), 50, ct))
        {
            var now = clock.GetUtcNow();
            if (!await store.TryLeaseAsync(copy, now, now + Lease, ct)) continue;
            if (await approvals.FindAsync(copy.ApprovalId, ct) is not { } request) continue;
            await ShowAsync(store, copy with { Attempts = copy.Attempts + 1 }, request, scope.ServiceProvider.GetRequiredService<NumberTraffic>(), ct);
        }
    }

    /// <summary>The requester is told how their request ended, in their own channel: a copy that waits while the request is pending.</summary>
    private async Task ClaimOutcomeAsync(IApprovalCopyStore store, ApprovalRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var channel = request.RequestedBy.Channel;
        // The local chat has nowhere to send a message nobody asked for.
        if (channel == Channels.Local.LocalReplyChannel.Name || Channel(channel) is null) return;
        await store.TryClaimAsync(new ApprovalCopy(request.Id, channel, CopyKind.Outcome, request.RequestedBy.Key, null, "Pending", 0), now, now, ct);
    }

    private async Task ShowAsync(IApprovalCopyStore store, ApprovalCopy copy, ApprovalRequest request, NumberTraffic traffic, CancellationToken ct)
    {
        var state = request.ShownState;
        try
        {
            var channel = Channel(copy.Channel) ?? throw new InvalidOperationException($"No channel '{copy.Channel}' is configured.");
            // Replacing: an update takes the place of the message it was (a response_url replaces rather than adds).
            var reply = new Reply(ViewNames.Approval,
                ApprovalView.From(request, AudienceOf(copy), traffic: await traffic.OfAsync(request, ViewerTime.Utc, ct)), ReplacesCard: true);
            string? address = null;
            if (copy.Kind == CopyKind.Outcome)
            {
                // Told once per state it reaches; nothing to tell while pending, nor of a withdrawal, the requester's own act.
                if (!request.IsPending && request.Status != ApprovalStatus.Withdrawn) await channel.PostToAsync(copy.Destination, reply, ct);
            }
            else if (copy.Address is null)
                address = (await channel.PostToAsync(copy.Destination, reply, ct)).Json;
            else
                await channel.DeliverAsync(new ReplyAddress(copy.Channel, copy.Address), reply, ct);
            await store.RecordShownAsync(copy, address, state, clock.GetUtcNow(), ct);
        }
        catch (ReplyAddressGoneException gone)
        {
            // Logged once: a given-up copy is never tried again. A requester whose card is gone is still told the outcome directly.
            logger.LogInformation("Gave up the {Kind} copy of approval {Approval} in {Channel}, which can no longer be edited: {Reason}",
                copy.Kind, copy.ApprovalId, copy.Channel, gone.Message);
            await store.GiveUpAsync(copy, gone.Message, clock.GetUtcNow(), ct);
        }
        catch (Exception failure) when (failure is not OperationCanceledException && copy.Attempts >= MostAttempts)
        {
            logger.LogWarning("Gave up the {Kind} copy of approval {Approval} in {Channel} {Destination} after {Attempts} attempts: {Failure}",
                copy.Kind, copy.ApprovalId, copy.Channel, copy.Destination, copy.Attempts, failure.Message);
            await store.GiveUpAsync(copy, failure.Message, clock.GetUtcNow(), ct);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            var wait = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, copy.Attempts), LongestWait.TotalSeconds));
            logger.LogWarning("Could not show approval {Approval} as {State} in {Channel} {Destination} ({Kind}, attempt {Attempts}); retrying in {Wait}: {Failure}",
                copy.ApprovalId, state, copy.Channel, copy.Destination, copy.Kind, copy.Attempts, wait, failure.Message);
            await store.RetryLaterAsync(copy, clock.GetUtcNow() + wait, failure.Message, ct);
        }
    }

    /// <summary>Approvers' posts are seen by many: their buttons are for whoever may decide, and the domain refuses anyone else.</summary>
    private static ApprovalAudience AudienceOf(ApprovalCopy copy) => copy.Kind switch
    {
        CopyKind.Approvers => ApprovalAudience.Approver,
        CopyKind.Requester => ApprovalAudience.Requester,
        _ => ApprovalAudience.Onlooker,
    };

    // The last registered wins, as with any service registered twice.
    private IReplyChannel? Channel(string name) => channels.LastOrDefault(c => c.Channel == name);
}

/// <summary>Wakes the copies job once a change is committed; its schedule catches anything a lost wake-up missed.</summary>
public sealed class ApprovalCopiesSignal(ISchedulerFactory schedulers) : IApprovalSignal
{
    public async Task ChangedAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(ApprovalCopiesJob.Key, ct);
    }
}
