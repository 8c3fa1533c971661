using System.Collections.Concurrent;
using NumbersBot.Bot.Channels.Local;

namespace NumbersBot.Tests.Support.Fakes;

public sealed class InMemoryLocalReplies : ILocalReplyStore
{
    private readonly ConcurrentDictionary<Guid, string> _replies = new();

    public Task SaveAsync(Guid id, string replyJson, CancellationToken ct)
    {
        _replies[id] = replyJson;
        return Task.CompletedTask;
    }

    public Task<string?> FindAsync(Guid id, CancellationToken ct) => Task.FromResult(_replies.GetValueOrDefault(id));
}
