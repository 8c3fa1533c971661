using Twilio.Exceptions;
using NumbersBot.Domain;

namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>Turns what Twilio said into a sentence a telephony admin can act on.</summary>
public static class TwilioErrors
{
    public const int RateLimited = 20429;
    public const int NotFound = 20404;

    /// <param name="doing">What was being tried, as it follows "could not": "buy +1 415-555-0123".</param>
    /// <param name="consequence">What it means for the person, e.g. "Nothing was bought."; null when nothing more needs saying.</param>
    public static DomainException Explain(Exception failure, TwilioAccount account, string doing, string? consequence = null)
    {
        var then = consequence is null ? "" : $" {consequence}";
        if (failure is not ApiException api)
            return IsTimeout(failure)
                ? Refuse(RefusalKind.ProviderFailed, $"Twilio did not answer in time when asked to {doing}.{then} Try again in a moment; if it keeps happening, check Twilio's status page.")
                : Refuse(RefusalKind.ProviderFailed, $"Twilio could not be reached to {doing}.{then} Try again in a moment; if it keeps happening, check the bot's network access to Twilio.");

        var could = $"Twilio could not {doing}";
        var refusal = (api.Code, api.Status) switch
        {
            (21422, _) => Refuse(RefusalKind.ProviderFailed,
                $"{could}: that number is no longer available.{then} Try again to get another one."),
            (21452, _) => Refuse(RefusalKind.ProviderFailed,
                $"{could}: Twilio has no numbers available for that request.{then} Try another area code, or leave the area code empty."),
            (21421, _) => Refuse(RefusalKind.Invalid,
                $"{could}: Twilio says the phone number is not valid.{then} Give it in E.164, such as +14155550123."),
            (21451, _) => Refuse(RefusalKind.Invalid,
                $"{could}: Twilio does not recognise that area code.{then} Use an area code that exists, such as 415, or leave it empty."),
            (21631, _) => Refuse(RefusalKind.ProviderFailed,
                $"{could}: Twilio needs an address that meets this number's requirements, and the configured one does not.{then} " +
                "A telephony admin must check the address set as Twilio:Regulatory:GB:AddressSid in the Twilio console."),
            (21649, _) => Refuse(RefusalKind.ProviderFailed,
                $"{could}: Twilio needs an approved regulatory bundle for this number, and it did not accept the configured one.{then} " +
                "A telephony admin must check that the bundle set as Twilio:Regulatory:GB:BundleSid is approved and covers this number type."),
            (21650, _) => Refuse(RefusalKind.ProviderFailed,
                $"{could}: the regulatory bundle lacks the identity document Twilio needs for this number.{then} " +
                "A telephony admin must add it to the bundle set as Twilio:Regulatory:GB:BundleSid and wait for Twilio's approval."),
            (20003, _) or (_, 401) => Refuse(RefusalKind.ProviderFailed,
                $"{could}: Twilio did not accept the credentials of {account.Label}.{then} " +
                $"A telephony admin must check {account.ConfigurationPrefix}:AccountSid and AuthToken (or ApiKeySid and ApiKeySecret)."),
            (NotFound, _) or (_, 404) => Refuse(RefusalKind.NotFound,
                $"{could}: {account.Label} has no such resource; it may have been deleted or moved in the Twilio console.{then}"),
            (RateLimited, _) or (_, 429) => Refuse(RefusalKind.ProviderFailed,
                $"{could}: Twilio is getting too many requests from {account.Label} and asked us to slow down.{then} Try again in a minute."),
            _ => Refuse(RefusalKind.ProviderFailed,
                $"{could}: {api.Message.TrimEnd('.')} (Twilio error {api.Code}{(string.IsNullOrEmpty(api.MoreInfo) ? "" : $", {api.MoreInfo}")}).{then}"),
        };
        // The code goes to the server log (an approval whose release failed logs it), not to the person.
        return new DomainException(refusal.Kind, refusal.Message) { ProviderCode = $"Twilio {api.Code} (HTTP {api.Status})" };
    }

    /// <summary>
    /// What a failed create (a call that makes something, never repeated) means, as the person must hear it: Twilio answered
    /// 4xx, so it refused and made nothing (<paramref name="explained"/> as it is); no answer, or Twilio's own error (5xx), and
    /// it may have been made, so the outcome is unknown.
    /// </summary>
    public static DomainException AfterCreate(Exception failure, DomainException explained) =>
        IsRefusal(failure) ? explained : new DomainException(RefusalKind.OutcomeUnknown, explained.Message) { ProviderCode = explained.ProviderCode };

    /// <summary>Twilio answered and said no (4xx): nothing was done.</summary>
    public static bool IsRefusal(Exception failure) => failure is ApiException { Status: >= 400 and < 500 };

    public static bool IsRateLimited(ApiException failure) => failure.Code == RateLimited || failure.Status == 429;

    public static bool IsMissing(ApiException failure) => failure.Code == NotFound || failure.Status == 404;

    /// <summary>The HttpClient timeout arrives as a TaskCanceledException, which the SDK wraps in ApiConnectionException.</summary>
    public static bool IsTimeout(Exception failure) =>
        failure is TaskCanceledException or TimeoutException || failure.InnerException is { } inner && IsTimeout(inner);

    private static DomainException Refuse(RefusalKind kind, string message) => new(kind, message);
}
