namespace NumbersBot.Bot.Persistence;

/// <summary>How many rows one pass removed, per kind.</summary>
public sealed record Pruned(
    int Deliveries, int DeferredReplies, int Conversations, int PurchaseIntents, int ProjectChoices, int TelephonySteps, int SlackReplies)
{
    public int Total => Deliveries + DeferredReplies + Conversations + PurchaseIntents + ProjectChoices + TelephonySteps + SlackReplies;
}

/// <summary>
/// Removes what only matters for a while: delivery records, finished deferred replies, conversation references and
/// project choices nobody used since, settled purchase intents, finished telephony steps and sent (or failed) Slack replies. The audit trail is never touched.
/// </summary>
public interface IRetentionStore
{
    Task<Pruned> PruneOlderThanAsync(DateTimeOffset cutoff, CancellationToken ct);
}

internal sealed class SqlRetention(DbSession db) : IRetentionStore
{
    public async Task<Pruned> PruneOlderThanAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var at = new { Cutoff = cutoff };
        return new Pruned(
            await db.ExecuteAsync("DELETE FROM deliveries WHERE received_at < @Cutoff", at, ct),
            await db.ExecuteAsync("DELETE FROM deferred_replies WHERE state IN ('Done', 'Failed') AND created_at < @Cutoff", at, ct),
            await db.ExecuteAsync("DELETE FROM conversations WHERE updated_at < @Cutoff", at, ct),
            // A pending intent is a purchase whose outcome is still unknown: the reconciler needs it, however old.
            await db.ExecuteAsync("DELETE FROM purchase_intents WHERE state <> 'Pending' AND requested_at < @Cutoff", at, ct),
            await db.ExecuteAsync("DELETE FROM project_choices WHERE chosen_at < @Cutoff", at, ct),
            // A done step's due_at is when its last run was leased, so it is pruned by when it finished; a pending one never.
            await db.ExecuteAsync("DELETE FROM telephony_operations WHERE state = 'Done' AND due_at < @Cutoff", at, ct),
            // One still Sending or Pending is younger than its 30 minutes, or is failed by the next instance that finds it.
            await db.ExecuteAsync("DELETE FROM slack_outbox WHERE state IN ('Done', 'Failed') AND created_at < @Cutoff", at, ct));
    }
}
