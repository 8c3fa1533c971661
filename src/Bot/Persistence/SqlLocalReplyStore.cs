using NumbersBot.Bot.Channels.Local;

namespace NumbersBot.Bot.Persistence;

internal sealed class SqlLocalReplyStore(ConversationsTable table) : ILocalReplyStore
{
    public Task SaveAsync(Guid id, string replyJson, CancellationToken ct) => table.SaveAsync(Key(id), replyJson, ct);

    public Task<string?> FindAsync(Guid id, CancellationToken ct) => table.FindAsync(Key(id), ct);

    private static string Key(Guid id) => $"local-reply:{id}";
}
