using System.Collections.Concurrent;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Tests.Approvals;

/// <summary>A channel that records what was posted where and which stored message was updated with what.</summary>
public sealed class RecordingReplyChannel(string channel) : IReplyChannel
{
    private readonly ConcurrentQueue<(string Kind, string Where, Reply Reply)> _sent = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _posts;

    public string Channel => channel;

    /// <summary>Failures still to come, as a channel that is down would answer.</summary>
    public int FailuresLeft { get; set; }

    public IReadOnlyList<(string Kind, string Where, Reply Reply)> Sent => _sent.ToList();

    public Task DeliverAsync(ReplyAddress address, Reply reply, CancellationToken ct) => Record("update", address.Json, reply);

    public async Task<ReplyAddress> PostToAsync(string destination, Reply reply, CancellationToken ct)
    {
        var address = $"{{\"to\":\"{destination}\",\"message\":{Interlocked.Increment(ref _posts)}}}";
        await Record("post", destination, reply);
        return new ReplyAddress(channel, address);
    }

    /// <summary>Waits until something sent matches; fails after 30 s.</summary>
    public async Task<(string Kind, string Where, Reply Reply)> WaitForAsync(Func<(string Kind, string Where, Reply Reply), bool> match)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            if (_sent.FirstOrDefault(match) is { Reply: not null } found) return found;
            try { await _arrived.WaitAsync(patience.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"{channel} never sent it; sent: {string.Join(", ", _sent.Select(s => $"{s.Kind} {s.Where}"))}"); }
        }
    }

    private Task Record(string kind, string where, Reply reply)
    {
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new HttpRequestException($"{channel} answered 503");
        }
        _sent.Enqueue((kind, where, reply));
        _arrived.Release();
        return Task.CompletedTask;
    }
}
