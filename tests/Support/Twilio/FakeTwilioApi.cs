using System.Text.RegularExpressions;

namespace NumbersBot.Tests.Support.Twilio;

/// <summary>The resources: paths and JSON shapes as in twilio_api_v2010.json and twilio_trunking_v1.json.</summary>
public sealed partial class FakeTwilio
{
    private const string Api = "/2010-04-01/Accounts/";

    [GeneratedRegex(@"^/2010-04-01/Accounts/(?<account>AC\w+)/(?<rest>.+)$")]
    private static partial Regex ApiPath();

    [GeneratedRegex(@"^AvailablePhoneNumbers/(?<country>[A-Z]{2})/(?<type>Local|Mobile|TollFree)\.json$")]
    private static partial Regex AvailablePath();

    [GeneratedRegex(@"^IncomingPhoneNumbers/(?<sid>PN\w+)\.json$")]
    private static partial Regex IncomingPath();

    [GeneratedRegex(@"^/v1/Trunks(/(?<trunk>TK\w+)(/(?<kind>OriginationUrls|PhoneNumbers)(/(?<sid>\w+))?)?)?$")]
    private static partial Regex TrunkPath();

    private Answer Dispatch(string accountSid, string method, string path, Dictionary<string, string> query, Dictionary<string, string> form)
    {
        if (ApiPath().Match(path) is { Success: true } api)
        {
            if (api.Groups["account"].Value != accountSid) return Error(401, 20003, "Authenticate");
            var rest = api.Groups["rest"].Value;
            if (AvailablePath().Match(rest) is { Success: true } available && method == "GET")
                return Available(available.Groups["country"].Value, available.Groups["type"].Value, query);
            if (rest == "IncomingPhoneNumbers.json")
                return method == "POST" ? Buy(accountSid, form) : ListNumbers(accountSid, query);
            if (IncomingPath().Match(rest) is { Success: true } incoming)
                return Number(accountSid, method, incoming.Groups["sid"].Value, form);
            if (rest == "Calls.json" && method == "GET") return ListCalls(accountSid, query);
            if (Calls(accountSid, method, rest, query, form) is { } calls) return calls;
        }
        else if (TrunkPath().Match(path) is { Success: true } trunking)
        {
            var trunkSid = trunking.Groups["trunk"].Value;
            if (trunkSid.Length == 0)
                return method == "POST" ? CreateTrunk(accountSid, form) : Page("trunks", "/v1/Trunks", query, _trunks.Where(t => t.AccountSid == accountSid).Select(Json));
            var trunk = _trunks.FirstOrDefault(t => t.Sid == trunkSid && t.AccountSid == accountSid);
            if (trunk is null) return NotFound(path);
            return trunking.Groups["kind"].Value switch
            {
                "" => method == "GET" ? new Answer(200, Json(trunk)) : NotFound(path),
                "OriginationUrls" => OriginationUrls(trunk, method, trunking.Groups["sid"].Value, query, form, path),
                _ => TrunkNumbers(trunk, method, trunking.Groups["sid"].Value, query, form, path),
            };
        }
        return NotFound(path);
    }

    private Answer Available(string country, string type, Dictionary<string, string> query)
    {
        var offers = _offers.Where(o => o.Country == country && o.Type == type
            && (!query.TryGetValue("AreaCode", out var area) || o.E164.StartsWith($"+1{area}", StringComparison.Ordinal))
            && (!query.TryGetValue("VoiceEnabled", out var voice) || voice != "true" || o.Voice));
        return Page("available_phone_numbers", $"/2010-04-01/Accounts/AvailablePhoneNumbers/{country}/{type}.json", query, offers.Select(o => new
        {
            friendly_name = o.E164,
            phone_number = o.E164,
            iso_country = o.Country,
            address_requirements = o.AddressRequirements,
            beta = false,
            capabilities = new { voice = o.Voice, SMS = true, MMS = false },
        }));
    }

    private Answer Buy(string accountSid, Dictionary<string, string> form)
    {
        var wanted = form.GetValueOrDefault("PhoneNumber");
        var offer = _offers.FirstOrDefault(o => o.E164 == wanted);
        if (offer is null) return Error(400, 21422, $"PhoneNumber {wanted} is not available.");
        var bundle = form.GetValueOrDefault("BundleSid");
        var address = form.GetValueOrDefault("AddressSid");
        if (offer.Country == "GB" && string.IsNullOrEmpty(bundle))
            return Error(400, 21649, "Phone Number Requires a Bundle. Bundle required for this Phone Number.");
        if (offer.AddressRequirements != "none" && string.IsNullOrEmpty(address))
            return Error(400, 21631, "Phone Number Requires an Address.");
        _offers.Remove(offer);
        var number = new FakeNumber(NewSid("PN"), accountSid, offer.E164)
        {
            FriendlyName = form.GetValueOrDefault("FriendlyName") ?? offer.E164,
            TrunkSid = form.GetValueOrDefault("TrunkSid"),
            BundleSid = bundle,
            AddressSid = address,
            Voice = offer.Voice,
        };
        _numbers.Add(number);
        return new Answer(201, Json(number));
    }

    private Answer ListNumbers(string accountSid, Dictionary<string, string> query)
    {
        // Like Twilio, PhoneNumber matches any number containing it; FriendlyName must match exactly.
        var numbers = _numbers.Where(n => n.AccountSid == accountSid
            && (!query.TryGetValue("PhoneNumber", out var phone) || n.E164.Contains(phone, StringComparison.Ordinal))
            && (!query.TryGetValue("FriendlyName", out var name) || n.FriendlyName == name));
        return Page("incoming_phone_numbers", $"{Api}{accountSid}/IncomingPhoneNumbers.json", query, numbers.Select(Json));
    }

    /// <summary>
    /// The call log, newest first, as ListCall filters it: To and From exactly; StartTime&gt;, StartTime&lt; and StartTime by UTC date
    /// (the request reads "StartTime&gt;=2026-11-28"), inclusive.
    /// </summary>
    private Answer ListCalls(string accountSid, Dictionary<string, string> query)
    {
        DateOnly? Day(string key) => query.TryGetValue(key, out var text) ? DateOnly.ParseExact(text[..10], "yyyy-MM-dd") : null;
        var (after, before, on) = (Day("StartTime>"), Day("StartTime<"), Day("StartTime"));
        var calls = _calls.Where(c => c.AccountSid == accountSid
                && (!query.TryGetValue("To", out var to) || c.To == to)
                && (!query.TryGetValue("From", out var from) || c.From == from)
                && (after is null || DateOnly.FromDateTime(c.StartTime.UtcDateTime) >= after)
                && (before is null || DateOnly.FromDateTime(c.StartTime.UtcDateTime) <= before)
                && (on is null || DateOnly.FromDateTime(c.StartTime.UtcDateTime) == on))
            .OrderByDescending(c => c.StartTime);
        return Page("calls", $"{Api}{accountSid}/Calls.json", query, calls.Select(Json));
    }

    private Answer Number(string accountSid, string method, string sid, Dictionary<string, string> form)
    {
        var number = _numbers.FirstOrDefault(n => n.Sid == sid && n.AccountSid == accountSid);
        if (number is null) return NotFound($"{Api}{accountSid}/IncomingPhoneNumbers/{sid}.json");
        switch (method)
        {
            case "DELETE":
                _numbers.Remove(number);
                return new Answer(204, null);
            case "POST":
                if (form.TryGetValue("TrunkSid", out var trunkSid))
                {
                    if (trunkSid.Length > 0 && !_trunks.Any(t => t.Sid == trunkSid && t.AccountSid == accountSid))
                        return Error(400, 21412, "Trunk Sid is invalid.");
                    number.TrunkSid = trunkSid.Length == 0 ? null : trunkSid;
                }
                if (form.TryGetValue("FriendlyName", out var name)) number.FriendlyName = name;
                return new Answer(200, Json(number));
            default:
                return new Answer(200, Json(number));
        }
    }

    private Answer CreateTrunk(string accountSid, Dictionary<string, string> form)
    {
        var trunk = new FakeTrunk(NewSid("TK"), accountSid) { FriendlyName = form.GetValueOrDefault("FriendlyName") ?? "" };
        _trunks.Add(trunk);
        return new Answer(201, Json(trunk));
    }

    private Answer OriginationUrls(FakeTrunk trunk, string method, string sid, Dictionary<string, string> query, Dictionary<string, string> form, string path)
    {
        if (sid.Length == 0 && method == "GET")
            return Page("origination_urls", $"/v1/Trunks/{trunk.Sid}/OriginationUrls", query, trunk.OriginationUrls.Select(o => Json(trunk, o)));
        var url = sid.Length == 0 ? new FakeOriginationUrl(NewSid("OU")) : trunk.OriginationUrls.FirstOrDefault(o => o.Sid == sid);
        if (url is null) return NotFound(path);
        if (method == "DELETE")
        {
            trunk.OriginationUrls.Remove(url);
            return new Answer(204, null);
        }
        if (method == "POST")
        {
            if (sid.Length == 0)
            {
                if (new[] { "Weight", "Priority", "Enabled", "FriendlyName", "SipUrl" }.FirstOrDefault(k => !form.ContainsKey(k)) is { } missing)
                    return Error(400, 20001, $"Missing required parameter {missing} in the post body");
                trunk.OriginationUrls.Add(url);
            }
            if (form.TryGetValue("SipUrl", out var sipUrl)) url.SipUrl = sipUrl;
            if (form.TryGetValue("Priority", out var priority)) url.Priority = int.Parse(priority);
            if (form.TryGetValue("Weight", out var weight)) url.Weight = int.Parse(weight);
            if (form.TryGetValue("Enabled", out var enabled)) url.Enabled = enabled == "true";
            if (form.TryGetValue("FriendlyName", out var name)) url.FriendlyName = name;
            return new Answer(sid.Length == 0 ? 201 : 200, Json(trunk, url));
        }
        return new Answer(200, Json(trunk, url));
    }

    private Answer TrunkNumbers(FakeTrunk trunk, string method, string sid, Dictionary<string, string> query, Dictionary<string, string> form, string path)
    {
        if (method == "POST" && sid.Length == 0)
        {
            var number = _numbers.FirstOrDefault(n => n.Sid == form.GetValueOrDefault("PhoneNumberSid") && n.AccountSid == trunk.AccountSid);
            if (number is null) return NotFound(path);
            number.TrunkSid = trunk.Sid;
            return new Answer(201, Json(number));
        }
        if (method == "GET" && sid.Length == 0)
            return Page("phone_numbers", path, query, _numbers.Where(n => n.TrunkSid == trunk.Sid).Select(Json));
        var attached = _numbers.FirstOrDefault(n => n.Sid == sid && n.TrunkSid == trunk.Sid);
        if (attached is null) return NotFound(path);
        if (method == "DELETE")
        {
            attached.TrunkSid = null;
            return new Answer(204, null);
        }
        return new Answer(200, Json(attached));
    }

    private static Answer NotFound(string path) => Error(404, 20404, $"The requested resource {path} was not found");

    /// <summary>
    /// One page of a list, as PageSize (default 50, at most 1000) and Page ask; the next page's address carries a
    /// PageToken as Twilio's does. v2010 lists carry paging at the top level, trunking's under "meta"; the SDK reads both.
    /// </summary>
    private static Answer Page<T>(string key, string uri, IReadOnlyDictionary<string, string> query, IEnumerable<T> records)
    {
        var size = query.TryGetValue("PageSize", out var asked) && int.TryParse(asked, out var n) ? n : 50;
        if (size is < 1 or > 1000) return Error(400, 20001, $"PageSize must be between 1 and 1000, not {asked}.");
        var number = query.TryGetValue("Page", out var pageText) && int.TryParse(pageText, out var p) ? p : 0;
        var all = records.Cast<object>().ToList();
        var list = all.Skip(number * size).Take(size).ToList();
        var more = (number + 1) * size < all.Count;
        // As Twilio's do, the page addresses repeat the list's filters.
        var filters = string.Concat(query.Where(q => q.Key is not ("PageSize" or "Page" or "PageToken"))
            .Select(q => $"&{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        string At(int page) => $"{uri}?PageSize={size}&Page={page}" + (page == 0 ? "" : $"&PageToken=PA{page * size}") + filters;
        var body = new Dictionary<string, object?> { [key] = list };
        if (uri.StartsWith("/v1/", StringComparison.Ordinal))
        {
            body["meta"] = new
            {
                page = number, page_size = size, first_page_url = $"https://trunking.twilio.com{At(0)}",
                previous_page_url = number == 0 ? null : $"https://trunking.twilio.com{At(number - 1)}",
                url = $"https://trunking.twilio.com{At(number)}", next_page_url = more ? $"https://trunking.twilio.com{At(number + 1)}" : null, key,
            };
        }
        else
        {
            body["uri"] = At(number);
            body["first_page_uri"] = At(0);
            body["next_page_uri"] = more ? At(number + 1) : null;
            body["previous_page_uri"] = number == 0 ? null : At(number - 1);
            body["page"] = number;
            body["page_size"] = size;
            body["start"] = number * size;
            body["end"] = number * size + Math.Max(0, list.Count - 1);
        }
        return new Answer(200, body);
    }

    private static object Json(FakeNumber n) => new
    {
        sid = n.Sid,
        account_sid = n.AccountSid,
        friendly_name = n.FriendlyName,
        phone_number = n.E164,
        trunk_sid = n.TrunkSid,
        bundle_sid = n.BundleSid,
        address_sid = n.AddressSid,
        address_requirements = "none",
        status = "in-use",
        capabilities = new { voice = n.Voice, sms = true, mms = false, fax = false },
        uri = $"{Api}{n.AccountSid}/IncomingPhoneNumbers/{n.Sid}.json",
    };

    private static object Json(FakeTrunk t) => new
    {
        sid = t.Sid,
        account_sid = t.AccountSid,
        friendly_name = t.FriendlyName,
        domain_name = (string?)null,
        secure = false,
        cnam_lookup_enabled = false,
        url = $"https://trunking.twilio.com/v1/Trunks/{t.Sid}",
        links = new Dictionary<string, string>
        {
            ["origination_urls"] = $"https://trunking.twilio.com/v1/Trunks/{t.Sid}/OriginationUrls",
            ["phone_numbers"] = $"https://trunking.twilio.com/v1/Trunks/{t.Sid}/PhoneNumbers",
        },
    };

    private static object Json(FakeTrunk t, FakeOriginationUrl o) => new
    {
        sid = o.Sid,
        account_sid = t.AccountSid,
        trunk_sid = t.Sid,
        sip_url = o.SipUrl,
        priority = o.Priority,
        weight = o.Weight,
        enabled = o.Enabled,
        friendly_name = o.FriendlyName,
        url = $"https://trunking.twilio.com/v1/Trunks/{t.Sid}/OriginationUrls/{o.Sid}",
    };
}
