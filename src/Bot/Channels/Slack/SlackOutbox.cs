namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// Sends what follows an acknowledgement (a message through response_url, a modal, a post) without holding the
/// acknowledgement back: Slack wants its answer within 3 seconds whatever its own API is doing.
/// </summary>
public sealed class SlackOutbox(IHostApplicationLifetime lifetime, ILogger<SlackOutbox> logger)
{
    private readonly object _gate = new();
    private int _sending;
    private TaskCompletionSource _idle = Idle();

    /// <summary>
    /// Sends <paramref name="message"/> after the acknowledgement. The outbox owns it from here: <paramref name="send"/> uses
    /// it and never disposes it; the outbox disposes it once the send is over, however it ended, so however often a send
    /// were tried it would never meet a message already given back.
    /// </summary>
    public void Send(string what, OutgoingJson message, Func<OutgoingJson, CancellationToken, Task> send)
    {
        lock (_gate)
        {
            if (_sending++ == 0) _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
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
                logger.LogWarning(failure, "Slack {What} was not sent", what);
            }
            finally
            {
                message.Dispose();
                lock (_gate)
                {
                    if (--_sending == 0) _idle.TrySetResult();
                }
            }
        });
    }

    /// <summary>Completes when nothing handed to the outbox is still being sent (what a test waits on to see that nothing more goes out).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate) return _idle.Task;
    }

    private static TaskCompletionSource Idle()
    {
        var idle = new TaskCompletionSource();
        idle.SetResult();
        return idle;
    }
}
