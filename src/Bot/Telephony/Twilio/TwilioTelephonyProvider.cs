using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Api.V2010.Account.AvailablePhoneNumberCountry;
using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;
using TwilioNumber = Twilio.Types.PhoneNumber;

namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>
/// The domain's telephony port on Twilio: pool numbers are bought in the platform's account, customers' numbers
/// are found in their own account, and both are routed through the environment's SIP trunk.
/// </summary>
public sealed class TwilioTelephonyProvider(
    TwilioClients clients, TwilioCaller twilio, SipTrunks trunks, TwilioSettings settings, ILogger<TwilioTelephonyProvider> logger)
    : ITelephonyProvider
{
    public const string UkNotSetUp =
        "UK numbers cannot be bought yet: Twilio sells them only with an approved regulatory bundle and an address, and none are configured. " +
        "Nothing was bought. A telephony admin must set Twilio:Regulatory:GB:BundleSid and Twilio:Regulatory:GB:AddressSid.";

    private const string NothingBought = "Nothing was bought.";

    public async Task<ProvisionedNumber> BuyAsync(NumberOrder order, CancellationToken ct)
    {
        var regulatory = order.Country == Country.UK
            ? settings.Gb ?? throw new DomainException(RefusalKind.ProviderFailed, UkNotSetUp)
            : null;
        var pool = clients.Pool;
        var number = await ChooseAsync(order, ct);
        var tag = TwilioTags.Purchase(order.IntentKey);
        var options = new CreateIncomingPhoneNumberOptions
        {
            PhoneNumber = new TwilioNumber(number.E164),
            FriendlyName = tag,
            BundleSid = regulatory?.BundleSid,
            AddressSid = regulatory?.AddressSid,
        };

        IncomingPhoneNumberResource bought;
        var watch = TwilioRequestIds.Start();
        try
        {
            // Never repeated and never abandoned: only Twilio's answer (or the timeout) says whether money was spent.
            bought = await IncomingPhoneNumberResource.CreateAsync(options, clients.For(pool));
        }
        catch (ApiException refused) when (refused.Status is > 0 and < 500)
        {
            throw twilio.Fail(refused, pool, $"buy {number.Display}", watch, NothingBought);
        }
        catch (ApiException failed)
        {
            // Twilio answered, with a 5xx: the answer is not lost, so a check that finds nothing means nothing was bought.
            return await RecoverAsync(order, twilio.Fail(failed, pool, $"buy {number.Display}", watch, NothingBought), ct);
        }
        catch (TwilioException lost)
        {
            twilio.Fail(lost, pool, $"buy {number.Display}", watch);
            return await RecoverAsync(order, null, ct);
        }
        logger.LogInformation("Bought {Number} ({Sid}) for {Project} {Environment}, tagged {Tag}", number.E164, bought.Sid, order.ProjectId,
            order.Environment, tag);
        return new ProvisionedNumber(number, NumberSource.Platform, bought.Sid, Simulated: false);
    }

    /// <summary>The number bought for this purchase intent, found by its tag; null when Twilio has none.</summary>
    public async Task<ProvisionedNumber?> FindPurchaseAsync(string intentKey, CancellationToken ct)
    {
        var pool = clients.Pool;
        var tag = TwilioTags.Purchase(intentKey);
        var found = (await twilio.RepeatableAsync(pool, "look for a number bought earlier",
            client => IncomingPhoneNumberResource.ReadAsync(new ReadIncomingPhoneNumberOptions { FriendlyName = tag, PageSize = 20, Limit = 20 }, client),
            ct))!.Where(n => n.FriendlyName == tag).ToList();
        if (found.Count > 1)
            logger.LogError("Twilio holds {Count} numbers tagged {Tag}: {Numbers}; only the first is kept", found.Count, tag,
                string.Join(", ", found.Select(n => n.PhoneNumber?.ToString())));
        return found.Count == 0 ? null : new ProvisionedNumber(PhoneNumber.ParseE164(found[0].PhoneNumber.ToString()), NumberSource.Platform, found[0].Sid, Simulated: false);
    }

    public async Task<ProvisionedNumber?> FindExistingAsync(string projectId, PhoneNumber number, CancellationToken ct)
    {
        var account = clients.Customer(projectId);
        // Twilio matches PhoneNumber as a pattern, so only an exact match counts.
        var found = (await twilio.RepeatableAsync(account, $"look up {number.Display} in {account.Label}",
                client => IncomingPhoneNumberResource.ReadAsync(
                    new ReadIncomingPhoneNumberOptions { PhoneNumber = new TwilioNumber(number.E164), PageSize = 20, Limit = 20 }, client),
                ct))!
            .FirstOrDefault(n => n.PhoneNumber?.ToString() == number.E164);
        if (found is null) return null;
        if (found.Capabilities is { Voice: false })
            throw DomainException.Invalid($"{number.Display} is in {account.Label} but cannot take voice calls, so it cannot serve an agent.");
        return new ProvisionedNumber(number, NumberSource.Twilio, found.Sid, Simulated: false);
    }

    public Task RouteAsync(string projectId, ProvisionedNumber number, AgentEnvironment environment, SipAddresses sip, CancellationToken ct)
    {
        if (number.Simulated) return NothingToDo(number, "route");
        return trunks.RouteAsync(AccountOf(projectId, number), projectId, RequireSid(number), environment, sip, ct);
    }

    public async Task ReleaseAsync(string projectId, ProvisionedNumber number, CancellationToken ct)
    {
        if (number.Simulated)
        {
            await NothingToDo(number, "release");
            return;
        }
        RequireSid(number);
        if (number.Source == NumberSource.Twilio)
        {
            // The customer's number stays theirs: it only stops reaching the agent.
            await trunks.DetachAsync(AccountOf(projectId, number), projectId, number, ct);
            return;
        }
        await twilio.RepeatableAsync(clients.Pool, $"release {number.Number.Display}",
            client => IncomingPhoneNumberResource.DeleteAsync(number.ProviderReference, client: client), ct, missingIsFine: true);
        // Confirmed, not assumed: only a number Twilio no longer has is released.
        var still = await twilio.RepeatableAsync(clients.Pool, $"check that {number.Number.Display} is released",
            client => IncomingPhoneNumberResource.FetchAsync(number.ProviderReference, client: client), ct, missingIsFine: true);
        if (still is not null)
            throw new DomainException(RefusalKind.ProviderFailed,
                $"Twilio still holds {number.Number.Display} after releasing it; NumbersBot tries again and keeps the number listed until then.");
        logger.LogInformation("Released {Number} ({Sid})", number.Number.E164, number.ProviderReference);
    }

    /// <summary>A voice-capable number Twilio offers for the order: US and Canada by area code, the UK local first, then mobile.</summary>
    private async Task<PhoneNumber> ChooseAsync(NumberOrder order, CancellationToken ct)
    {
        var region = order.Country.RegionCode();
        var pool = clients.Pool;
        var within = order.AreaCode is { } code ? $" with area code {code.Digits}" : "";
        var doing = $"search for {order.Country.DisplayName()} numbers{within}";
        var areaCode = order.AreaCode is { } digits ? int.Parse(digits.Digits) : (int?)null;

        var offers = (await twilio.RepeatableAsync(pool, doing, async client =>
            (await LocalResource.ReadAsync(new ReadLocalOptions(region) { AreaCode = areaCode, VoiceEnabled = true, PageSize = 20, Limit = 20 }, client))
            .Select(n => new Offer(n.PhoneNumber?.ToString(), n.Capabilities?.Voice == true, n.AddressRequirements)).ToList(), ct))!;
        if (order.Country == Country.UK && !offers.Any(o => Fits(o, order.Country)))
            offers = (await twilio.RepeatableAsync(pool, doing, async client =>
                (await MobileResource.ReadAsync(new ReadMobileOptions(region) { VoiceEnabled = true, PageSize = 20, Limit = 20 }, client))
                .Select(n => new Offer(n.PhoneNumber?.ToString(), n.Capabilities?.Voice == true, n.AddressRequirements)).ToList(), ct))!;

        foreach (var offer in offers.Where(o => Fits(o, order.Country)))
        {
            // Checked before buying: a number bought and then rejected here would be paid for and forgotten.
            try
            {
                return PhoneNumber.ParseE164(offer.E164);
            }
            catch (DomainException)
            {
                logger.LogWarning("Skipping {Number} offered by Twilio: not a number NumbersBot can hold", offer.E164);
            }
        }
        throw new DomainException(RefusalKind.ProviderFailed,
            $"Twilio has no voice-capable {order.Country.DisplayName()} numbers{within} available right now. {NothingBought} " +
            (order.AreaCode is null ? "Try again later." : "Try another area code, or leave it empty."));
    }

    /// <summary>US and Canadian numbers are bought without an address, so only those that need none fit.</summary>
    private static bool Fits(Offer offer, Country country) =>
        offer.Voice && !string.IsNullOrEmpty(offer.E164) && (country == Country.UK || offer.AddressRequirements is null or "none");

    /// <summary>
    /// Looks for the purchase by its tag, once its failure is logged. <paramref name="answered"/>: what Twilio said when it answered with an error, so
    /// that finding nothing means nothing was bought; null when no answer came, so finding nothing yet proves nothing.
    /// </summary>
    private async Task<ProvisionedNumber> RecoverAsync(NumberOrder order, DomainException? answered, CancellationToken ct)
    {
        logger.LogInformation("Looking for the purchase of intent {Intent} by its tag", order.IntentKey);
        try
        {
            if (await FindPurchaseAsync(order.IntentKey, ct) is { } found) return found;
            if (answered is not null) throw answered;
        }
        catch (DomainException lookup) when (lookup != answered)
        {
            logger.LogWarning("Could not look for the purchase of intent {Intent} either: {Reason}", order.IntentKey, lookup.Message);
        }
        logger.LogWarning("Purchase for intent {Intent} left for reconciliation", order.IntentKey);
        throw new DomainException(RefusalKind.OutcomeUnknown,
            "Twilio did not answer the purchase, and could not yet be asked whether it made it, so a number may or may not have been bought. " +
            "NumbersBot checks with Twilio within a few minutes and adds the number if one was; do not buy another one before then.");
    }

    private TwilioAccount AccountOf(string projectId, ProvisionedNumber number) =>
        number.Source == NumberSource.Twilio ? clients.Customer(projectId) : clients.Pool;

    private static ProvisionedNumber RequireSid(ProvisionedNumber number) =>
        number.ProviderReference.StartsWith("PN", StringComparison.Ordinal)
            ? number
            : throw DomainException.Invalid(
                $"{number.Number.Display} has no Twilio number SID (it has '{number.ProviderReference}'), so Twilio cannot be asked about it.");

    private Task NothingToDo(ProvisionedNumber number, string what)
    {
        logger.LogInformation("{Number} is simulated; nothing to {What} in Twilio", number.Number.E164, what);
        return Task.CompletedTask;
    }

    private sealed record Offer(string? E164, bool Voice, string? AddressRequirements);
}
