using System.Text.Json;
using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using Quartz;

namespace NumbersBot.Bot.Conversation.Deferred;

/// <summary>Stores the request first, then wakes the worker, so a restart in between loses nothing.</summary>
public sealed class DeferredReplies(IDeferredReplyQueue queue, ISchedulerFactory schedulers, TimeProvider clock, IIdSource ids)
    : IDeferredReplies
{
    public async Task EnqueueAsync(ConversationRequest request, ReplyAddress address, CancellationToken ct)
    {
        var id = ids.NewId();
        // A key that stays the same each time the request runs (after a crash, a retry), for work that must be found, not redone.
        var data = new Dictionary<string, string?>(request.Data)
        {
            [Keys.DeferredTimeZone] = request.TimeZone,
            [Keys.DeferredConversation] = request.Conversation,
        };
        data.TryAdd(Keys.RequestKey, id.ToString("N"));
        await queue.AddAsync(new DeferredReply(id, address.Channel, request.Verb, request.Actor.User.Key, request.Actor.DisplayName,
            JsonSerializer.Serialize(data), address.Json, 0), clock.GetUtcNow(), ct);
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.TriggerJob(DeferredReplyJob.Key, ct);
    }
}

/// <summary>
/// Finishes deferred replies: runs the request through the router and hands the reply to its channel.
/// Runs every few seconds and whenever something is enqueued; claims make each reply one run's work, in this instance
/// or another. Runs may overlap and each reply has its own scope, so one slow reply (a test call waits up to 90 s for
/// its outcome) holds up no other.
/// </summary>
public sealed class DeferredReplyJob(
    IServiceScopeFactory scopes, IDeferredReplyQueue queue, IEnumerable<IReplyChannel> channels, TimeProvider clock, ILogger<DeferredReplyJob> logger)
    : IJob
{
    public static readonly JobKey Key = new("deferred-replies");

    private const int MaxAttempts = 5;
    private const int AtOnce = 4;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var due = await queue.DueAsync(clock.GetUtcNow(), 20, ct);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = ct },
            async (id, token) => await RunAsync(id, token));
    }

    private async Task RunAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var claims = scope.ServiceProvider.GetRequiredService<IDeferredReplyQueue>();
        var now = clock.GetUtcNow();
        if (await claims.TryClaimAsync(id, now, now + Lease, ct) is not { } reply) return;
        try
        {
            await FinishAsync(scope.ServiceProvider, reply, ct);
            await claims.CompleteAsync(reply.Id, ct);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            await GiveUpOrRetryAsync(claims, reply, failure, ct);
        }
    }

    private async Task FinishAsync(IServiceProvider services, DeferredReply deferred, CancellationToken ct)
    {
        var channel = channels.FirstOrDefault(c => c.Channel == deferred.Channel)
            ?? throw new InvalidOperationException($"No channel '{deferred.Channel}' is configured to deliver this reply.");
        var data = JsonSerializer.Deserialize<Dictionary<string, string?>>(deferred.Data) ?? [];
        data.Remove(Keys.DeferredTimeZone, out var timeZone);
        data.Remove(Keys.DeferredConversation, out var conversation);
        var request = new ConversationRequest(new Actor(UserRef.ParseKey(deferred.ActorKey), deferred.ActorName), deferred.Verb, data)
        {
            TimeZone = timeZone,
            Conversation = conversation ?? "",
        };
        // A repeated run is harmless: the purchase is keyed by the request key, so it finds the number it bought.
        var reply = await services.GetRequiredService<ConversationRouter>().HandleAsync(request, ct);
        await channel.DeliverAsync(new ReplyAddress(deferred.Channel, deferred.Address), reply, ct);
    }

    private async Task GiveUpOrRetryAsync(IDeferredReplyQueue queue, DeferredReply reply, Exception failure, CancellationToken ct)
    {
        if (reply.Attempts >= MaxAttempts)
        {
            logger.LogError(failure, "Gave up delivering deferred {Verb} for {Actor} on {Channel} after {Attempts} attempts",
                reply.Verb, reply.ActorKey, reply.Channel, reply.Attempts);
            await queue.FailAsync(reply.Id, failure.Message, ct);
            return;
        }
        var delay = TimeSpan.FromSeconds(Math.Pow(2, reply.Attempts));
        logger.LogWarning("Deferred {Verb} on {Channel} failed (attempt {Attempts}), retrying in {Delay}: {Failure}",
            reply.Verb, reply.Channel, reply.Attempts, delay, failure.Message);
        await queue.RetryLaterAsync(reply.Id, clock.GetUtcNow() + delay, failure.Message, ct);
    }
}
