using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Web;
using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Benchmarks;

/// <summary>
/// Twilio's list endpoints in process, holding the numbers NumbersBot lists, each on its environment's trunk whose
/// origination URLs are the environment's SIP addresses. Pages as Twilio does (PageSize, Page, next page address);
/// counts every call and the shortest gap between two.
/// </summary>
public sealed class CountingTwilio : HttpMessageHandler
{
    private readonly string _account;
    private readonly List<object> _numbers;
    private readonly List<object> _trunks;
    private readonly Dictionary<string, List<object>> _urls = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _last;

    public CountingTwilio(string account, Project project, IReadOnlyList<ProjectNumber> numbers)
    {
        _account = account;
        var trunkOf = AgentEnvironments.All.ToDictionary(e => e, e => $"TK{(int)e:D32}");
        _trunks = AgentEnvironments.All.Select(e => (object)new { sid = trunkOf[e], account_sid = account, friendly_name = TwilioTags.Trunk(project.Id, e) }).ToList();
        foreach (var environment in AgentEnvironments.All)
        {
            var sip = project.SipFor(environment);
            _urls[trunkOf[environment]] =
            [
                new { sid = $"OU{(int)environment}main", sip_url = sip.Main, priority = 10, weight = 10, enabled = true },
                new { sid = $"OU{(int)environment}fallback", sip_url = sip.Fallback, priority = 20, weight = 10, enabled = true },
            ];
        }
        _numbers = numbers.Select(n => (object)new
        {
            sid = n.ProviderReference, account_sid = account, phone_number = n.Number.E164, friendly_name = TwilioTags.Purchase($"card-{n.Id:N}"),
            trunk_sid = trunkOf[n.Environment],
        }).ToList();
    }

    public int Calls { get; private set; }
    public int Cycles { get; set; }
    public TimeSpan ShortestGap { get; private set; } = TimeSpan.MaxValue;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_numbers)
        {
            Calls++;
            var now = _clock.Elapsed;
            if (_last is { } last && now - last < ShortestGap) ShortestGap = now - last;
            _last = now;
        }
        var uri = request.RequestUri!;
        var query = HttpUtility.ParseQueryString(uri.Query);
        var size = int.TryParse(query["PageSize"], out var s) ? s : 50;
        var page = int.TryParse(query["Page"], out var p) ? p : 0;
        var path = uri.AbsolutePath;
        object body = path switch
        {
            _ when path == $"/2010-04-01/Accounts/{_account}/IncomingPhoneNumbers.json" => V2010("incoming_phone_numbers", path, _numbers, size, page),
            "/v1/Trunks" => Trunking("trunks", path, _trunks, size, page),
            _ when path.EndsWith("/OriginationUrls", StringComparison.Ordinal) => Trunking("origination_urls", path, _urls[path.Split('/')[3]], size, page),
            _ => throw new InvalidOperationException($"The drift check should not call {request.Method} {path}"),
        };
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(JsonSerializer.Serialize(body)) });
    }

    private static Dictionary<string, object?> V2010(string key, string path, List<object> all, int size, int page)
    {
        string At(int n) => $"{path}?PageSize={size}&Page={n}&PageToken=PA{n * size}";
        return new Dictionary<string, object?>
        {
            [key] = all.Skip(page * size).Take(size).ToList(), ["uri"] = At(page), ["first_page_uri"] = At(0), ["page"] = page, ["page_size"] = size,
            ["next_page_uri"] = (page + 1) * size < all.Count ? At(page + 1) : null, ["previous_page_uri"] = null,
        };
    }

    private static Dictionary<string, object?> Trunking(string key, string path, List<object> all, int size, int page)
    {
        string At(int n) => $"https://trunking.twilio.com{path}?PageSize={size}&Page={n}";
        return new Dictionary<string, object?>
        {
            [key] = all.Skip(page * size).Take(size).ToList(),
            ["meta"] = new { page, page_size = size, first_page_url = At(0), previous_page_url = (string?)null, url = At(page),
                next_page_url = (page + 1) * size < all.Count ? At(page + 1) : null, key },
        };
    }
}
