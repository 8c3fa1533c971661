using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Persistence;

/// <summary>Append-only: this class has no UPDATE or DELETE for the audit table, and none may be added.</summary>
internal sealed class SqlAuditTrail(DbSession db) : IAuditTrail
{
    private static readonly string[] Columns =
    [
        "id", "occurred_at", "actor_key", "actor_name", "channel", "action_name", "project_id", "e164", "environment",
        "before_text", "after_text",
    ];

    private static readonly string Select = $"SELECT {string.Join(", ", Columns)} FROM audit_entries";

    public Task AppendAsync(AuditEntry entry, CancellationToken ct) =>
        db.ExecuteAsync(SqlDialect.Insert("audit_entries", Columns), new
        {
            entry.Id,
            OccurredAt = entry.At,
            entry.ActorKey,
            entry.ActorName,
            Channel = StoredChannel(entry.Channel),
            ActionName = entry.Action,
            entry.ProjectId,
            E164 = entry.Number,
            Environment = entry.Environment?.ToString(),
            BeforeText = entry.Before,
            AfterText = entry.After,
        }, ct);

    // seq breaks ties between entries written at the same instant, in the order they were stored.
    public async Task<IReadOnlyList<AuditEntry>> ForNumberAsync(string e164, CancellationToken ct) =>
        (await db.QueryAsync<Row>($"{Select} WHERE e164 = @e164 ORDER BY occurred_at, seq", new { e164 }, ct))
            .Select(r => r.ToEntry()).ToList();

    public async Task<IReadOnlyList<AuditEntry>> ForProjectAsync(string projectId, int limit, CancellationToken ct)
    {
        if (limit <= 0) return [];
        var sql = $"{Select} WHERE project_id = @projectId ORDER BY occurred_at DESC, seq DESC {db.Dialect.Limit("@limit")}";
        return (await db.QueryAsync<Row>(sql, new { projectId, limit }, ct)).Select(r => r.ToEntry()).ToList();
    }

    public async Task<IReadOnlyList<AuditEntry>> OutsideProjectsAsync(int limit, CancellationToken ct)
    {
        if (limit <= 0) return [];
        var sql = $"{Select} WHERE project_id IS NULL ORDER BY occurred_at DESC, seq DESC {db.Dialect.Limit("@limit")}";
        return (await db.QueryAsync<Row>(sql, new { limit }, ct)).Select(r => r.ToEntry()).ToList();
    }

    /// <summary>The column keeps the form every earlier version wrote ("Teams", "Slack", "Local"); rows read back lower case.</summary>
    private static string StoredChannel(string channel) => channel.Length == 0 ? channel : char.ToUpperInvariant(channel[0]) + channel[1..];

    private sealed class Row
    {
        public required Guid Id { get; init; }
        public required DateTimeOffset OccurredAt { get; init; }
        public required string ActorKey { get; init; }
        public required string ActorName { get; init; }
        public required string Channel { get; init; }
        public required string ActionName { get; init; }
        public string? ProjectId { get; init; }
        public string? E164 { get; init; }
        public AgentEnvironment? Environment { get; init; }
        public string? BeforeText { get; init; }
        public string? AfterText { get; init; }

        public AuditEntry ToEntry() =>
            new(Id, OccurredAt, ActorKey, ActorName, Channel.ToLowerInvariant(), ActionName, ProjectId, E164, Environment, BeforeText, AfterText);
    }
}
