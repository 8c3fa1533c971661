namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// Sends what follows an acknowledgement (a message through response_url, a modal, a post) without holding the
/// acknowledgement back: Slack wants its answer within 3 seconds whatever its own API is doing.
/// </summary>
public sealed class SlackOutbox(IHostApplicationLifetime lifetime, ILogger<SlackOutbox> logger)
{
    public void Send(string what, Func<CancellationToken, Task> send) => _ = Task.Run(async () =>
    {
        try
        {
            await send(lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            logger.LogWarning("Slack {What} was not sent: the bot is stopping", what);
        }
        catch (Exception failure)
        {
            logger.LogWarning(failure, "Slack {What} was not sent", what);
        }
    });
}
