namespace NumbersBot.Tests.Support.Fakes;

public sealed class InMemoryAccess : IAccessRepository
{
    private readonly Dictionary<string, UserAccess> _stored = [];

    public Task<UserAccess?> FindAsync(UserRef user, CancellationToken ct)
    {
        lock (_stored) return Task.FromResult(_stored.GetValueOrDefault(user.Key));
    }

    public Task<IReadOnlyList<UserAccess>> ListAsync(CancellationToken ct)
    {
        lock (_stored) return Task.FromResult<IReadOnlyList<UserAccess>>(_stored.Values.OrderBy(a => a.User.Key, StringComparer.Ordinal).ToList());
    }

    public Task SaveAsync(UserAccess access, CancellationToken ct)
    {
        Save(access);
        return Task.CompletedTask;
    }

    public Task NameAsync(UserRef user, string placeholder, string name, CancellationToken ct)
    {
        lock (_stored)
            if (_stored.TryGetValue(user.Key, out var stored) && stored.DisplayName == placeholder) _stored[user.Key] = stored with { DisplayName = name };
        return Task.CompletedTask;
    }

    public void Save(UserAccess access)
    {
        lock (_stored) _stored[access.User.Key] = access;
    }
}
