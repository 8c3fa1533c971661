using NumbersBot.Domain;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Channels.Local;

public sealed record LocalPerson(UserRef User, string Name)
{
    public Actor Actor => new(User, Name);
}

/// <summary>
/// Who one may be in the local chat: the local people the access repository knows, and the configured local admins.
/// Anyone else is refused, so a typo never acts as a stranger with no access.
/// </summary>
public sealed class LocalPeople(IAccessRepository access, BootstrapAdmins admins)
{
    public async Task<IReadOnlyList<LocalPerson>> ListAsync(CancellationToken ct)
    {
        var stored = (await access.ListAsync(ct))
            .Where(p => p.User.Channel == LocalReplyChannel.Name)
            .Select(p => new LocalPerson(p.User, p.DisplayName));
        var configured = admins.Keys
            .Select(UserRef.ParseKey)
            .Where(u => u.Channel == LocalReplyChannel.Name)
            .Select(u => new LocalPerson(u, u.Id));
        return stored.Concat(configured).DistinctBy(p => p.User.Key).ToList();
    }

    public async Task<Actor> ActorAsync(string key, CancellationToken ct)
    {
        UserRef user;
        try
        {
            user = UserRef.ParseKey(key);
        }
        catch (DomainException malformed)
        {
            throw new LocalRequestException(malformed.Message);
        }
        var people = await ListAsync(ct);
        return people.FirstOrDefault(p => p.User.Key == user.Key)?.Actor
            ?? throw new LocalRequestException(
                $"'{key}' is not one of the local people here: use one of {string.Join(", ", people.Select(p => p.User.Key))}.");
    }
}
