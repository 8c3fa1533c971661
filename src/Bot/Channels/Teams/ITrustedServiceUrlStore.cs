namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// The Teams service URLs that arrived on an authenticated activity, kept in the database so another instance (finishing a
/// deferred reply) trusts them too. URLs are compared exactly: callers pass <see cref="TrustedServiceUrls.Normalize"/>'s form.
/// </summary>
public interface ITrustedServiceUrlStore
{
    Task TrustAsync(string serviceUrl, CancellationToken ct);

    Task<bool> IsTrustedAsync(string serviceUrl, CancellationToken ct);
}
