using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// Who sees their own view of an approval card in Teams: every admin (stored or configured) and the requester, as far
/// as the bot has met them in Teams (their 29:… ids come from conversation references).
/// </summary>
public sealed class TeamsApprovalViewers(IServiceScopeFactory scopes, BootstrapAdmins bootstrapAdmins, TeamsConversations conversations)
{
    /// <summary>Teams refreshes a card for at most this many people.</summary>
    public const int MaxRefreshUsers = 60;

    public async Task<IReadOnlyList<string>> ForAsync(Guid approvalId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var request = await scope.ServiceProvider.GetRequiredService<IApprovalRepository>().FindAsync(approvalId, ct);
        var stored = await scope.ServiceProvider.GetRequiredService<IAccessRepository>().ListAsync(ct);
        var people = stored.Where(a => a.IsAdmin).Select(a => a.User.Key)
            .Concat(bootstrapAdmins.Keys)
            .Concat(request is null ? [] : [request.RequestedBy.Key])
            .Distinct(StringComparer.Ordinal)
            .Select(UserRef.ParseKey)
            .Where(user => user.Channel == TeamsChannel.Name);
        var ids = new List<string>();
        foreach (var user in people)
            if (await conversations.FindMemberAsync(user, ct) is { } member) ids.Add(member.UserId);
        return ids;
    }
}
