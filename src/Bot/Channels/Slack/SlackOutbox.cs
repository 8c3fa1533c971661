using System.Text;
using NumbersBot.Bot.Hosting;
using NumbersBot.Domain;
using Quartz;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>Where a message for Slack goes: an interaction's response_url, or a Web API method (the channel is in the body).</summary>
public sealed record SlackDestination(string Method, string? ResponseUrl)
{
    public static SlackDestination Respond(string responseUrl) => new(OutboxReply.ResponseUrlMethod, responseUrl);

    public static SlackDestination Api(string method) => new(method, null);

    /// <summary>The record's generated text would print the response_url, which is a credential while it lasts.</summary>
    public override string ToString() => Method;
}

/// <summary>
/// Slack:Outbox:LeaseSeconds (default 120): how long an instance sending a row holds it before another instance may send it
/// (longer than a send can take: a 15 s timeout, rate-limit waits); Slack:Outbox:EverySeconds (default 5): how often rows
/// left by a crashed instance, or due for a retry, are looked for.
/// </summary>
public sealed record SlackOutboxTimes(TimeSpan Lease, TimeSpan Every)
{
    public static SlackOutboxTimes From(IConfiguration configuration) => new(
        TimeSpan.FromSeconds(BotSettings.PositiveInt(configuration, "Slack:Outbox:LeaseSeconds", 120)),
        TimeSpan.FromSeconds(BotSettings.PositiveInt(configuration, "Slack:Outbox:EverySeconds", 5)));
}

/// <summary>
/// Sends what follows an acknowledgement without holding the acknowledgement back: Slack wants its answer within 3 seconds
/// whatever its own API is doing. The action behind a reply is already saved, so the reply is written down before the
/// acknowledgement (<see cref="ISlackOutboxStore"/>), sent at once, and marked done once Slack took it; a row a crashed
/// instance left, or one whose send failed for a while (5xx, a timeout), is sent again by <see cref="SlackOutboxJob"/>.
/// Slack's refusals (4xx, ok=false) are final, and nothing is sent after <see cref="Window"/>.
/// </summary>
public sealed class SlackOutbox(
    IServiceScopeFactory scopes, SlackApi api, SlackOutboxTimes times, TimeProvider clock, IIdSource ids, IHostApplicationLifetime lifetime,
    ILogger<SlackOutbox> logger)
{
    /// <summary>A response_url takes messages for 30 minutes; an answer later than that (through any method) would only confuse.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(5);
    private const int AtOnce = 20;

    private readonly object _gate = new();
    private int _sending;
    private TaskCompletionSource _idle = Idle();

    /// <summary>
    /// Writes <paramref name="message"/> down for <paramref name="to"/>, then sends it without waiting: once this returns, the
    /// acknowledgement may go. The outbox owns the message from here and disposes it once the send is over.
    /// </summary>
    public async Task SendAsync(string what, SlackDestination to, OutgoingJson message)
    {
        OutboxReply reply;
        try
        {
            var now = clock.GetUtcNow();
            reply = new OutboxReply(ids.NewId(), what, to.Method, to.ResponseUrl, Encoding.UTF8.GetString(message.Utf8.Span), now, Attempts: 1);
            await using var scope = scopes.CreateAsyncScope();
            // Not the request's token: the action is saved whether or not Slack still waits for the acknowledgement.
            await scope.ServiceProvider.GetRequiredService<ISlackOutboxStore>().AddAsync(reply, now + times.Lease, CancellationToken.None);
        }
        catch (Exception failure)
        {
            // The action is saved: the person still gets its answer, only without the promise to repeat it after a crash.
            logger.LogError("Slack {What} could not be written down, so it is sent without a record: {Failure}", what, failure.Message);
            Send(what, message, (body, ct) => DeliverOnceAsync(to, body, ct));
            return;
        }
        Send(what, message, (body, ct) => DeliverAsync(reply, body, ct));
    }

    /// <summary>
    /// Sends <paramref name="message"/> without writing it down, for what is worthless after a restart (views.open: its
    /// trigger_id expires 3 seconds after the click). <paramref name="send"/> uses the message and never disposes it; the
    /// outbox disposes it once the send is over, however it ended.
    /// </summary>
    public void Send(string what, OutgoingJson message, Func<OutgoingJson, CancellationToken, Task> send)
    {
        Enter();
        _ = Task.Run(async () =>
        {
            try
            {
                await send(message, lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                logger.LogWarning("Slack {What} was not sent: the bot is stopping", what);
            }
            catch (Exception failure)
            {
                logger.LogWarning("Slack {What} was not sent: {Failure}", what, failure.Message);
            }
            finally
            {
                message.Dispose();
                Leave();
            }
        });
    }

    /// <summary>Sends the rows that are due: left by a crashed instance (its lease ran out) or waiting for a retry.</summary>
    public async Task ResendDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISlackOutboxStore>();
        foreach (var id in await store.DueAsync(clock.GetUtcNow(), AtOnce, ct))
        {
            // Each row's lease runs from its own claim: the sends before it (15 s timeouts, rate-limit waits) may have eaten a lease taken at the start.
            var now = clock.GetUtcNow();
            if (await store.TryClaimAsync(id, now, now + times.Lease, ct) is not { } reply) continue; // another instance has it
            if (now > reply.CreatedAt + Window)
            {
                logger.LogWarning("Slack {What} {Id} was not sent: it is older than the {Minutes} minutes a response_url lasts",
                    reply.What, reply.Id, Window.TotalMinutes);
                await store.FailAsync(reply, "Not sent: older than a response_url lasts.", ct);
                continue;
            }
            logger.LogInformation("Slack {What} {Id} is sent again (attempt {Attempt})", reply.What, reply.Id, reply.Attempts);
            Enter();
            try
            {
                using var body = OutgoingJson.Write(reply.Body, static (writer, json) => writer.WriteRawValue(json, skipInputValidation: true));
                await DeliverAsync(reply, body, ct);
            }
            finally
            {
                Leave();
            }
        }
    }

    /// <summary>Completes when nothing handed to the outbox is still being sent (what a test waits on to see that nothing more goes out).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate) return _idle.Task;
    }

    /// <summary>One attempt at a written-down row, and its outcome recorded: done, retried later, or failed for good.</summary>
    private async Task DeliverAsync(OutboxReply reply, OutgoingJson body, CancellationToken ct)
    {
        Exception? failure = null;
        var stopping = false;
        try
        {
            await DeliverOnceAsync(new SlackDestination(reply.Method, reply.ResponseUrl), body, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            stopping = true;
        }
        catch (Exception error)
        {
            failure = error;
        }
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISlackOutboxStore>();
        if (stopping)
        {
            // Given back due now, not left leased: after a restart or a deploy the next instance sends it within seconds, not
            // once the lease runs out. Should this write fail as the process goes, the lease still hands the row on.
            logger.LogWarning("Slack {What} {Id} was not sent: the bot is stopping; the next instance sends it", reply.What, reply.Id);
            await store.RetryLaterAsync(reply, clock.GetUtcNow(), "Not sent: the bot stopped.", CancellationToken.None);
            return;
        }
        if (failure is null)
        {
            await store.CompleteAsync(reply, CancellationToken.None);
            return;
        }
        // Messages only: a failure's text names no response_url, but a whole exception might.
        if (IsFinal(failure))
        {
            logger.LogWarning("Slack refused {What} {Id}; it is not sent again: {Failure}", reply.What, reply.Id, failure.Message);
            await store.FailAsync(reply, failure.Message, CancellationToken.None);
            return;
        }
        var next = clock.GetUtcNow() + Backoff(reply.Attempts);
        if (next > reply.CreatedAt + Window)
        {
            logger.LogWarning("Slack {What} {Id} was not sent after {Attempts} attempts, and a response_url lasts only {Minutes} minutes: {Failure}",
                reply.What, reply.Id, reply.Attempts, Window.TotalMinutes, failure.Message);
            await store.FailAsync(reply, failure.Message, CancellationToken.None);
            return;
        }
        logger.LogWarning("Slack {What} {Id} was not sent (attempt {Attempts}); it is tried again at {Next:O}: {Failure}",
            reply.What, reply.Id, reply.Attempts, next, failure.Message);
        await store.RetryLaterAsync(reply, next, failure.Message, CancellationToken.None);
    }

    private Task DeliverOnceAsync(SlackDestination to, OutgoingJson body, CancellationToken ct) => to.Method == OutboxReply.ResponseUrlMethod
        ? api.RespondAsync(to.ResponseUrl ?? throw new SlackDeliveryException("The reply has no response_url."), body, ct)
        : api.RequireAsync(to.Method, body, ct);

    /// <summary>Slack said no (4xx, ok=false, a response_url used up): the same message would be refused again. 429 only means later.</summary>
    private static bool IsFinal(Exception failure) => failure is SlackDeliveryException { MayPass: false };

    private static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts), LongestBackoff.TotalSeconds));

    private void Enter()
    {
        lock (_gate)
        {
            if (_sending++ == 0) _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private void Leave()
    {
        lock (_gate)
        {
            if (--_sending == 0) _idle.TrySetResult();
        }
    }

    private static TaskCompletionSource Idle()
    {
        var idle = new TaskCompletionSource();
        idle.SetResult();
        return idle;
    }
}

/// <summary>Sends the Slack outbox's rows a crashed instance left or a failed send put off; at start-up, then every few seconds.</summary>
[DisallowConcurrentExecution]
public sealed class SlackOutboxJob(SlackOutbox outbox) : IJob
{
    public static readonly JobKey Key = new("slack-outbox");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await outbox.ResendDueAsync(ct);
}
