using NumbersBot.Bot.Channels.Teams;

namespace NumbersBot.Bot.Persistence;

internal sealed class SqlTrustedServiceUrlStore(ConversationsTable table) : ITrustedServiceUrlStore
{
    public Task TrustAsync(string serviceUrl, CancellationToken ct) => table.SaveAsync(Key(serviceUrl), "{}", ct);

    public async Task<bool> IsTrustedAsync(string serviceUrl, CancellationToken ct) => await table.FindAsync(Key(serviceUrl), ct) is not null;

    private static string Key(string serviceUrl) => "teams:serviceurl:" + serviceUrl;
}
