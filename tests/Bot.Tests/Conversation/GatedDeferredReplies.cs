using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Tests.Conversation;

/// <summary>
/// Holds every enqueue until <see cref="Open"/>, so a test can look at what a channel had shown by the moment the
/// work was being stored (<see cref="Probe"/> is asked then). Nothing is really stored: the work is never finished.
/// </summary>
public sealed class GatedDeferredReplies : IDeferredReplies
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<(ConversationRequest Request, ReplyAddress Address, object? Probed)> _entered =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Asked at the moment of the enqueue, on the request's own flow.</summary>
    public Func<object?>? Probe { get; set; }

    /// <summary>The first request being stored, the address the result would go to, and what <see cref="Probe"/> said.</summary>
    public Task<(ConversationRequest Request, ReplyAddress Address, object? Probed)> Entered => _entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public void Open() => _gate.TrySetResult();

    public async Task EnqueueAsync(ConversationRequest request, ReplyAddress address, CancellationToken ct)
    {
        _entered.TrySetResult((request, address, Probe?.Invoke()));
        await _gate.Task.WaitAsync(ct);
    }
}
