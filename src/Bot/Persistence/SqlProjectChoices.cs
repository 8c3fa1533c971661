using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Persistence;

internal sealed class SqlProjectChoices(DbSession db, TimeProvider clock) : IProjectChoices
{
    public Task<string?> FindAsync(string personKey, string conversationKey, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<string>("SELECT project_id FROM project_choices WHERE choice_key = @Key",
            new { Key = Key(personKey, conversationKey) }, ct);

    public Task RememberAsync(string personKey, string conversationKey, string projectId, CancellationToken ct) =>
        db.ExecuteAsync(db.Dialect.Upsert("project_choices", "choice_key", "choice_key", "project_id", "chosen_at"),
            new { ChoiceKey = Key(personKey, conversationKey), ProjectId = projectId, ChosenAt = clock.GetUtcNow() }, ct);

    // A person key holds no '|', so the pair cannot collide with another.
    internal static string Key(string personKey, string conversationKey) => $"{personKey}|{conversationKey}";
}
