namespace NumbersBot.Bot.Persistence;

/// <summary>
/// The conversations table the channel stores share: one row a key, each store owning a prefix ("local-reply:",
/// "teams:conversation:", "teams:user:", "teams:serviceurl:"), the keys every earlier version wrote, so no data moves.
/// Retention prunes rows by <c>updated_at</c>.
/// </summary>
internal sealed class ConversationsTable(DbSession db, TimeProvider clock)
{
    public Task SaveAsync(string key, string address, CancellationToken ct) =>
        db.ExecuteAsync(db.Dialect.Upsert("conversations", "conversation_key", "conversation_key", "address", "updated_at"),
            new { ConversationKey = key, Address = address, UpdatedAt = clock.GetUtcNow() }, ct);

    public Task<string?> FindAsync(string key, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<string>("SELECT address FROM conversations WHERE conversation_key = @Key", new { Key = key }, ct);
}
