using System.Collections.Concurrent;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// The service URLs the bot's token may go to: only those that arrived on an authenticated activity. Kept in memory
/// and in the <see cref="ITrustedServiceUrlStore"/>, so another instance (finishing a deferred reply) trusts them too.
/// </summary>
public sealed class TrustedServiceUrls(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    /// <summary>The form every comparison uses: scheme and host lower case, a trailing slash, as the connector paths need.</summary>
    public static string Normalize(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"'{serviceUrl}' is not an http(s) service URL.", nameof(serviceUrl));
        var text = url.GetLeftPart(UriPartial.Path);
        return text.EndsWith('/') ? text : text + "/";
    }

    /// <summary>Call only with the serviceUrl of an activity whose token was valid and bound to that URL.</summary>
    public async Task TrustAsync(string serviceUrl, CancellationToken ct)
    {
        var url = Normalize(serviceUrl);
        if (_known.ContainsKey(url)) return;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ITrustedServiceUrlStore>().TrustAsync(url, ct);
        _known[url] = true;
    }

    public async Task<bool> IsTrustedAsync(string serviceUrl, CancellationToken ct)
    {
        var url = Normalize(serviceUrl);
        if (_known.ContainsKey(url)) return true;
        await using var scope = scopes.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<ITrustedServiceUrlStore>().IsTrustedAsync(url, ct)) return false;
        _known[url] = true;
        return true;
    }
}
