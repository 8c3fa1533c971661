using System.Diagnostics;
using System.Runtime.CompilerServices;
using Twilio.Base;
using Twilio.Http;
using HttpMethod = Twilio.Http.HttpMethod;
using TwilioDomain = Twilio.Rest.Domain;

namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>
/// Reads a whole Twilio list page by page, asynchronously (the SDK's own paging blocks a thread per page), each page
/// after the pacing allows it and through <see cref="TwilioCaller"/>, so a 20429 is waited out and retried.
/// </summary>
public sealed class TwilioPages(TwilioCaller twilio, TwilioPacing pacing)
{
    /// <summary>Twilio's largest page: list calls accept PageSize up to 1000.</summary>
    public const int LargestPage = 1000;

    /// <param name="calls">Counts every request made, retries included.</param>
    /// <param name="filters">Query parameters of the first page; Twilio carries them into each next page's address.</param>
    public async Task<List<T>> ReadAllAsync<T>(TwilioAccount account, string doing, TwilioDomain domain, string path, string recordKey,
        int pageSize, StrongBox<int> calls, CancellationToken ct, IReadOnlyList<KeyValuePair<string, string>>? filters = null) where T : Resource
    {
        var records = new List<T>();
        string? nextUrl = null;
        for (var first = true; first || nextUrl is not null; first = false)
        {
            var url = nextUrl;
            var page = await twilio.RepeatableAsync(account, doing, async client =>
            {
                await pacing.WaitTurnAsync(ct);
                Interlocked.Increment(ref calls.Value);
                // A new request each attempt: the client signs the one it sends.
                var request = url is null
                    ? new Request(HttpMethod.Get, domain, path,
                        queryParams: [.. filters ?? [], new("PageSize", Math.Clamp(pageSize, 1, LargestPage).ToString())])
                    : new Request(HttpMethod.Get, url);
                var response = await client.RequestAsync(request);
                return Page<T>.FromJson(recordKey, response.Content);
            }, ct);
            records.AddRange(page!.Records);
            nextUrl = page.HasNextPage() ? page.GetNextPageUrl(domain) : null;
        }
        return records;
    }
}

/// <summary>
/// Spaces list calls evenly (Twilio:Reconcile:Drift:RequestsPerSecond), one at a time per process, so a drift check
/// over thousands of numbers never competes with people's purchases for the account's concurrent-request allowance.
/// </summary>
public sealed class TwilioPacing(TwilioDriftSettings settings)
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    private TimeSpan? _last;

    public TimeSpan Interval { get; } = TimeSpan.FromSeconds(1.0 / settings.RequestsPerSecond);

    public async Task WaitTurnAsync(CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            // Wall-clock pacing for Twilio's sake, not domain time, so it does not come from TimeProvider.
            if (_last is { } last && last + Interval - _sinceStart.Elapsed is { } wait && wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            _last = _sinceStart.Elapsed;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }
}
