using NumbersBot.Bot.Hosting;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// The service URLs the bot's token may go to: only those that arrived on an authenticated activity. Kept in memory
/// and in the <see cref="ITrustedServiceUrlStore"/>, so another instance (finishing a deferred reply) trusts them too.
/// A URL is written once per process and again once a day while activities keep arriving on it (<see cref="WriteMemo"/>),
/// so retention prunes only URLs nobody used for the retention period.
/// </summary>
public sealed class TrustedServiceUrls(IServiceScopeFactory scopes, TimeProvider clock, RetentionPolicy? retention = null)
{
    private const string Written = "written", Read = "read";

    private readonly WriteMemo _known = new(clock, WriteMemo.RefreshFor(retention));

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
        if (_known.IsFresh(url, Written)) return;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ITrustedServiceUrlStore>().TrustAsync(url, ct);
        _known.Remember(url, Written);
    }

    public async Task<bool> IsTrustedAsync(string serviceUrl, CancellationToken ct)
    {
        var url = Normalize(serviceUrl);
        if (_known.IsFresh(url)) return true;
        await using var scope = scopes.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<ITrustedServiceUrlStore>().IsTrustedAsync(url, ct)) return false;
        // Read, not written: the next activity on this URL still refreshes its row.
        _known.Remember(url, Read);
        return true;
    }
}
