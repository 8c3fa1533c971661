using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Trunking.V1;
using Twilio.Rest.Trunking.V1.Trunk;
using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>
/// One SIP trunk per project and environment in each account, whose origination URLs are that environment's SIP
/// addresses: the main one first (priority 10), the fallback after it (priority 20). Named in configuration, or
/// found by its tag, or created. Every routing compares and fixes the URLs, so the trunk follows address changes.
/// </summary>
public sealed class SipTrunks(TwilioCaller twilio, ILogger<SipTrunks> logger)
{
    public const int MainPriority = 10;
    public const int FallbackPriority = 20;
    public const int Weight = 10;

    // Trunks and origination URLs are created by calls that must not run twice at once, or they would be doubled.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task RouteAsync(TwilioAccount account, string projectId, ProvisionedNumber number, AgentEnvironment environment,
        SipAddresses sip, CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            var trunkSid = await EnsureTrunkAsync(account, projectId, environment, ct);
            await FollowAddressesAsync(account, trunkSid, environment, sip, ct);
            await AttachAsync(account, trunkSid, number, ct);
            await ConfirmAsync(account, trunkSid, number, environment, sip, ct);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Takes the number off NumbersBot's trunk and leaves it in its account; a trunk the customer set up is left alone.</summary>
    public async Task DetachAsync(TwilioAccount account, string projectId, ProvisionedNumber number, CancellationToken ct)
    {
        var display = number.Number.Display;
        var current = await twilio.RepeatableAsync(account, $"look up {display} in {account.Label}",
            client => IncomingPhoneNumberResource.FetchAsync(number.ProviderReference, client: client), ct, missingIsFine: true);
        if (current?.TrunkSid is not { Length: > 0 } trunkSid) return;
        if (!await IsOursAsync(account, projectId, trunkSid, ct))
        {
            logger.LogInformation("{Number} is on trunk {Trunk}, which NumbersBot does not manage; left as it is", number.Number.E164, trunkSid);
            return;
        }
        await twilio.RepeatableAsync(account, $"detach {display} from its SIP trunk",
            client => PhoneNumberResource.DeleteAsync(trunkSid, number.ProviderReference, client: client), ct, missingIsFine: true);
        var after = await twilio.RepeatableAsync(account, $"check that {display} is detached",
            client => IncomingPhoneNumberResource.FetchAsync(number.ProviderReference, client: client), ct, missingIsFine: true);
        if (after?.TrunkSid == trunkSid)
            throw new DomainException(RefusalKind.ProviderFailed, $"Twilio still has {display} on NumbersBot's SIP trunk after detaching it; NumbersBot tries again.");
    }

    /// <summary>The trunk's URLs are exactly the environment's SIP addresses, in the wanted order, for the environment.</summary>
    public static bool Follows(IEnumerable<(string? Url, int? Priority, bool? Enabled)> urls, SipAddresses sip)
    {
        var wanted = Wanted(sip).Select(w => (w.Url.Trim().ToLowerInvariant(), w.Priority)).ToHashSet();
        var actual = urls.Select(u => (u.Url?.Trim().ToLowerInvariant() ?? "", u.Priority ?? 0, u.Enabled)).ToList();
        return actual.Count == wanted.Count && actual.All(a => a.Enabled == true && wanted.Contains((a.Item1, a.Item2)));
    }

    /// <summary>Read back after routing: the step is done only when Twilio shows the number on the trunk and the trunk's URLs as wanted.</summary>
    private async Task ConfirmAsync(TwilioAccount account, string trunkSid, ProvisionedNumber number, AgentEnvironment environment, SipAddresses sip,
        CancellationToken ct)
    {
        var display = number.Number.Display;
        var current = await twilio.RepeatableAsync(account, $"check that {display} is on its SIP trunk",
            client => IncomingPhoneNumberResource.FetchAsync(number.ProviderReference, client: client), ct);
        if (current!.TrunkSid != trunkSid)
            throw new DomainException(RefusalKind.ProviderFailed,
                $"Twilio does not show {display} on {environment.DisplayName()}'s SIP trunk after attaching it.");
        var urls = (await twilio.RepeatableAsync(account, $"check the SIP addresses of {environment.DisplayName()}'s trunk",
            client => OriginationUrlResource.ReadAsync(trunkSid, pageSize: 100, limit: 100, client: client), ct))!;
        if (!Follows(urls.Select(u => (u.SipUrl?.OriginalString, u.Priority, u.Enabled)), sip))
            throw new DomainException(RefusalKind.ProviderFailed,
                $"Twilio does not show {environment.DisplayName()}'s SIP addresses ({sip.Main}, {sip.Fallback}) on its trunk after setting them.");
    }

    private static List<(string Url, int Priority, string Role)> Wanted(SipAddresses sip)
    {
        var wanted = new List<(string Url, int Priority, string Role)> { (sip.Main, MainPriority, "main") };
        if (!SameUrl(sip.Fallback, sip.Main)) wanted.Add((sip.Fallback, FallbackPriority, "fallback"));
        return wanted;
    }

    private async Task<string> EnsureTrunkAsync(TwilioAccount account, string projectId, AgentEnvironment environment, CancellationToken ct)
    {
        if (account.Trunks.GetValueOrDefault(TwilioAccount.TrunkKey(projectId, environment)) is { } configured) return configured;

        var tag = TwilioTags.Trunk(projectId, environment);
        var existing = await twilio.RepeatableAsync(account, $"list the SIP trunks of {account.Label}", async client =>
        {
            var trunks = await TrunkResource.ReadAsync(new ReadTrunkOptions { PageSize = 1000 }, client);
            // One page of up to 1000: the SDK would fetch further pages with blocking calls.
            trunks.AutoPaging = false;
            return trunks.ToList();
        }, ct);
        if (existing!.FirstOrDefault(t => t.FriendlyName == tag) is { } found) return found.Sid;

        var created = await twilio.OnceAsync(account, $"create a SIP trunk for {environment.DisplayName()} in {account.Label}",
            client => TrunkResource.CreateAsync(friendlyName: tag, client: client), ct);
        logger.LogInformation("Created SIP trunk {Trunk} ({Tag}) in {Account}", created.Sid, tag, account);
        return created.Sid;
    }

    private async Task FollowAddressesAsync(TwilioAccount account, string trunkSid, AgentEnvironment environment, SipAddresses sip, CancellationToken ct)
    {
        var name = environment.DisplayName();
        var existing = (await twilio.RepeatableAsync(account, $"read the SIP addresses of {name}'s trunk",
            client => OriginationUrlResource.ReadAsync(trunkSid, pageSize: 100, limit: 100, client: client), ct))!.ToList();

        var wanted = Wanted(sip);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (url, priority, role) in wanted)
        {
            var friendlyName = $"NumbersBot {name} {role}";
            var match = existing.FirstOrDefault(o => SameUrl(o.SipUrl?.OriginalString, url));
            if (match is null)
            {
                await twilio.OnceAsync(account, $"add the {role} SIP address to {name}'s trunk",
                    client => OriginationUrlResource.CreateAsync(trunkSid, Weight, priority, true, friendlyName, new Uri(url), client), ct);
                continue;
            }
            kept.Add(match.Sid);
            if (match.Priority == priority && match.Weight == Weight && match.Enabled == true) continue;
            await twilio.RepeatableAsync(account, $"update the {role} SIP address of {name}'s trunk",
                client => OriginationUrlResource.UpdateAsync(trunkSid, match.Sid, Weight, priority, true, friendlyName, new Uri(url), client), ct);
        }

        // Removed last, so the trunk is never without somewhere to send calls.
        foreach (var stale in existing.Where(o => !kept.Contains(o.Sid)))
            await twilio.RepeatableAsync(account, $"remove an old SIP address from {name}'s trunk",
                client => OriginationUrlResource.DeleteAsync(trunkSid, stale.Sid, client), ct, missingIsFine: true);
    }

    private async Task AttachAsync(TwilioAccount account, string trunkSid, ProvisionedNumber number, CancellationToken ct)
    {
        var display = number.Number.Display;
        var current = await twilio.RepeatableAsync(account, $"look up {display} in {account.Label}",
            client => IncomingPhoneNumberResource.FetchAsync(number.ProviderReference, client: client), ct);
        if (current!.TrunkSid == trunkSid) return;
        await twilio.RepeatableAsync(account, $"attach {display} to its SIP trunk",
            client => IncomingPhoneNumberResource.UpdateAsync(new UpdateIncomingPhoneNumberOptions(number.ProviderReference) { TrunkSid = trunkSid }, client), ct);
    }

    private async Task<bool> IsOursAsync(TwilioAccount account, string projectId, string trunkSid, CancellationToken ct)
    {
        if (AgentEnvironments.All.Any(e => account.Trunks.GetValueOrDefault(TwilioAccount.TrunkKey(projectId, e)) == trunkSid)) return true;
        var trunk = await twilio.RepeatableAsync(account, "look up the number's SIP trunk",
            client => TrunkResource.FetchAsync(trunkSid, client), ct, missingIsFine: true);
        return TwilioTags.IsOurs(trunk?.FriendlyName);
    }

    private static bool SameUrl(string? a, string b) => string.Equals(a?.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
