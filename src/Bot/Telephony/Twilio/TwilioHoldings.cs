using System.Runtime.CompilerServices;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Trunking.V1;
using Twilio.Rest.Trunking.V1.Trunk;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Telephony;
using TwilioDomain = Twilio.Rest.Domain;

namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>
/// What a Twilio account holds, read with list calls of up to 1000 records a page: every incoming number (with its
/// trunk and FriendlyName), every SIP trunk, and the origination URLs of the trunks NumbersBot manages there. A number's
/// trunk comes from its own trunk_sid, so a trunk's phone-number list is never needed.
/// </summary>
public sealed class TwilioHoldings(TwilioClients clients, TwilioPages pages, TwilioDriftSettings settings) : IProviderHoldings
{
    public async Task<Holdings> ListAsync(HoldingsAccount account, IReadOnlyCollection<string> projectIds, CancellationToken ct)
    {
        var twilio = account.CustomerOfProject is { } project ? clients.Customer(project) : clients.Pool;
        var calls = new StrongBox<int>();
        var numbers = await pages.ReadAllAsync<IncomingPhoneNumberResource>(twilio, $"list the numbers of {twilio.Label}", TwilioDomain.Api,
            $"/2010-04-01/Accounts/{twilio.AccountSid}/IncomingPhoneNumbers.json", "incoming_phone_numbers", settings.PageSize, calls, ct);
        var trunks = await pages.ReadAllAsync<TrunkResource>(twilio, $"list the SIP trunks of {twilio.Label}", TwilioDomain.Trunking,
            "/v1/Trunks", "trunks", settings.PageSize, calls, ct);

        var ours = Recognise(twilio, account.CustomerOfProject is { } only ? [only] : projectIds);
        var routes = new List<HeldRoute>();
        foreach (var trunk in trunks)
        {
            if (!ours.TryGetValue(trunk.Sid, out var owner) && (trunk.FriendlyName is null || !ours.TryGetValue(trunk.FriendlyName, out owner)))
            {
                routes.Add(new HeldRoute(trunk.Sid, null, null, null));
                continue;
            }
            var urls = await pages.ReadAllAsync<OriginationUrlResource>(twilio, $"read the SIP addresses of trunk {trunk.Sid}", TwilioDomain.Trunking,
                $"/v1/Trunks/{trunk.Sid}/OriginationUrls", "origination_urls", settings.PageSize, calls, ct);
            routes.Add(new HeldRoute(trunk.Sid, owner.ProjectId, owner.Environment, Followed(urls)));
        }

        var held = numbers
            .Where(n => n.PhoneNumber is not null)
            .Select(n => new HeldNumber(n.PhoneNumber.ToString(), n.Sid, TwilioTags.IsOurs(n.FriendlyName) ? n.FriendlyName : null,
                string.IsNullOrEmpty(n.TrunkSid) ? null : n.TrunkSid))
            .ToList();
        return new Holdings(account, held, routes, calls.Value);
    }

    public string PurchaseTag(string intentKey) => TwilioTags.Purchase(intentKey);

    /// <summary>The trunks NumbersBot manages in the account, by configured SID and by tag.</summary>
    private static Dictionary<string, (string ProjectId, AgentEnvironment Environment)> Recognise(TwilioAccount account, IEnumerable<string> projectIds)
    {
        var ours = new Dictionary<string, (string, AgentEnvironment)>(StringComparer.Ordinal);
        foreach (var projectId in projectIds)
        foreach (var environment in AgentEnvironments.All)
        {
            ours[TwilioTags.Trunk(projectId, environment)] = (projectId, environment);
            if (account.Trunks.GetValueOrDefault(TwilioAccount.TrunkKey(projectId, environment)) is { } configured)
                ours[configured] = (projectId, environment);
        }
        return ours;
    }

    /// <summary>The SIP addresses a trunk sends calls to exactly as routing sets them (all enabled, main at 10, fallback at 20), else null.</summary>
    private static SipAddresses? Followed(IReadOnlyList<OriginationUrlResource> urls)
    {
        if (urls.Count is 0 or > 2 || urls.Any(u => u.Enabled != true || u.SipUrl is null)) return null;
        var main = urls.SingleOrDefault(u => u.Priority == SipTrunks.MainPriority);
        var fallback = urls.Count == 2 ? urls.SingleOrDefault(u => u.Priority == SipTrunks.FallbackPriority) : main;
        if (main is null || fallback is null) return null;
        try
        {
            return new SipAddresses(main.SipUrl.OriginalString, fallback.SipUrl.OriginalString);
        }
        catch (NumbersBot.Domain.DomainException)
        {
            return null; // not a SIP URI NumbersBot would set, so it follows no environment
        }
    }
}
