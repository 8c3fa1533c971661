using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Persistence;

internal sealed class SqlAccessRepository(DbSession db) : IAccessRepository
{
    private static readonly string[] Columns = ["user_key", "display_name", "role", "numbers_access", "variants_access"];

    internal static readonly string Select = $"SELECT {string.Join(", ", Columns)} FROM user_access";

    public async Task<UserAccess?> FindAsync(UserRef user, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE user_key = @user", new { user }, ct))?.ToAccess();

    public async Task<IReadOnlyList<UserAccess>> ListAsync(CancellationToken ct) =>
        (await db.QueryAsync<Row>($"{Select} ORDER BY display_name, user_key", null, ct)).Select(r => r.ToAccess()).ToList();

    public Task SaveAsync(UserAccess access, CancellationToken ct)
    {
        db.NoteGateWrite();
        return db.ExecuteAsync(db.Dialect.Upsert("user_access", "user_key", Columns), new
        {
            UserKey = access.User,
            access.DisplayName,
            Role = access.Role.ToString(),
            NumbersAccess = access.Numbers.ToString(),
            VariantsAccess = access.Variants.ToString(),
        }, ct);
    }

    public Task NameAsync(UserRef user, string placeholder, string name, CancellationToken ct)
    {
        db.NoteGateWrite();
        return db.ExecuteAsync("UPDATE user_access SET display_name = @name WHERE user_key = @user AND display_name = @placeholder",
            new { user, placeholder, name }, ct);
    }

    internal sealed class Row
    {
        public required UserRef UserKey { get; init; }
        public required string DisplayName { get; init; }
        public required Role Role { get; init; }
        public required AccessLevel NumbersAccess { get; init; }
        public required AccessLevel VariantsAccess { get; init; }

        public UserAccess ToAccess() => new(UserKey, DisplayName, Role, NumbersAccess, VariantsAccess);
    }
}
