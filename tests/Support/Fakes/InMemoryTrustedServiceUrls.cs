using System.Collections.Concurrent;
using NumbersBot.Bot.Channels.Teams;

namespace NumbersBot.Tests.Support.Fakes;

public sealed class InMemoryTrustedServiceUrls : ITrustedServiceUrlStore
{
    private readonly ConcurrentDictionary<string, bool> _trusted = new(StringComparer.Ordinal);

    public Task TrustAsync(string serviceUrl, CancellationToken ct)
    {
        _trusted[serviceUrl] = true;
        return Task.CompletedTask;
    }

    public Task<bool> IsTrustedAsync(string serviceUrl, CancellationToken ct) => Task.FromResult(_trusted.ContainsKey(serviceUrl));
}
