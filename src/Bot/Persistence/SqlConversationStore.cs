using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Persistence;

internal sealed class SqlConversationStore(DbSession db, TimeProvider clock) : IConversationStore
{
    public Task SaveAsync(string channel, string key, string json, CancellationToken ct) =>
        db.ExecuteAsync(db.Dialect.Upsert("conversations", "conversation_key", "conversation_key", "address", "updated_at"),
            new { ConversationKey = $"{channel}:{key}", Address = json, UpdatedAt = clock.GetUtcNow() }, ct);

    public Task<string?> FindAsync(string channel, string key, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<string>("SELECT address FROM conversations WHERE conversation_key = @Key",
            new { Key = $"{channel}:{key}" }, ct);
}
