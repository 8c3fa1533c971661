using PhoneNumbers;

namespace NumbersBot.Domain.Numbers;

/// <summary>A dialable UK, US or Canadian number, always held in E.164.</summary>
public sealed record PhoneNumber
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private PhoneNumber(string e164, Country country, string display)
    {
        E164 = e164;
        Country = country;
        Display = display;
    }

    public string E164 { get; }
    public Country Country { get; }

    /// <summary>International format for people: +44 7700 900123.</summary>
    public string Display { get; }

    /// <summary>Strict: only E.164 ("+" then country code and number, spaces and dashes tolerated).</summary>
    public static PhoneNumber ParseE164(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (!trimmed.StartsWith('+'))
            throw DomainException.Invalid($"'{text}' is not a valid E.164 number: start with + and the country code, e.g. +14155550123.");
        return Parse(trimmed);
    }

    /// <summary>Lenient for look-ups: a national number is read as a US one.</summary>
    public static PhoneNumber Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length is 0 or > 32)
            throw DomainException.Invalid($"'{text}' is not a valid phone number.");
        PhoneNumbers.PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(trimmed, "US");
        }
        catch (NumberParseException)
        {
            throw DomainException.Invalid($"'{text}' is not a valid E.164 number.");
        }
        if (!Util.IsValidNumber(parsed))
            throw DomainException.Invalid($"'{text}' is not a valid E.164 number.");
        var country = Countries.FromRegionCode(Util.GetRegionCodeForNumber(parsed))
            ?? throw DomainException.Invalid($"'{text}' is not a UK, US or Canadian number; only those are supported.");
        return new PhoneNumber(
            Util.Format(parsed, PhoneNumberFormat.E164),
            country,
            Util.Format(parsed, PhoneNumberFormat.INTERNATIONAL));
    }

    public override string ToString() => E164;
}
