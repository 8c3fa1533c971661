using System.Collections.Concurrent;
using PhoneNumbers;

namespace NumbersBot.Domain.Numbers;

/// <summary>A dialable UK, US or Canadian number, always held in E.164.</summary>
public sealed record PhoneNumber
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private const int MaxRemembered = 100_000;
    private static readonly ConcurrentDictionary<string, PhoneNumber> Stored = new(StringComparer.Ordinal);

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
        if (!trimmed.StartsWith('+') || trimmed.Skip(1).Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '(' or ')' or '.')))
            throw DomainException.Invalid($"'{text}' is not a valid E.164 number: start with + and the country code, then digits only, e.g. +14155550123.");
        return Parse(trimmed);
    }

    /// <summary>
    /// A number as this system stored it (canonical E.164): parsed once per process and then remembered, since
    /// libphonenumber costs more than the rest of reading a row. Anything not canonical is refused as ParseE164 would.
    /// </summary>
    public static PhoneNumber FromStored(string e164)
    {
        if (Stored.TryGetValue(e164, out var known)) return known;
        var parsed = ParseE164(e164);
        if (parsed.E164 != e164) return parsed; // not canonical: correct, but not remembered under a second spelling
        if (Stored.Count >= MaxRemembered) Stored.Clear();
        return Stored.GetOrAdd(e164, parsed);
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
        if (parsed.HasExtension || (!Util.IsValidNumber(parsed) && !IsOfcomDramaNumber(parsed)))
            throw DomainException.Invalid($"'{text}' is not a valid E.164 number.");
        var region = IsOfcomDramaNumber(parsed) ? "GB" : Util.GetRegionCodeForNumber(parsed);
        var country = Countries.FromRegionCode(region)
            ?? throw DomainException.Invalid($"'{text}' is not a UK, US or Canadian number; only those are supported.");
        return new PhoneNumber(
            Util.Format(parsed, PhoneNumberFormat.E164),
            country,
            Util.Format(parsed, PhoneNumberFormat.INTERNATIONAL));
    }

    /// <summary>In a range reserved for fiction (Ofcom's +44 7700 900xxx, North America's 555-01xx): no one answers.</summary>
    public bool IsFictional =>
        (E164.StartsWith("+447700900", StringComparison.Ordinal) && E164.Length == 13)
        || (E164.StartsWith("+1", StringComparison.Ordinal) && E164.Length == 12 && E164[5..10] == "55501");

    /// <summary>
    /// Ofcom reserves +44 7700 900000-900999 for drama. libphonenumber calls it invalid; the simulated
    /// provider hands it out, so it is accepted as a UK number.
    /// </summary>
    private static bool IsOfcomDramaNumber(PhoneNumbers.PhoneNumber parsed) =>
        parsed.CountryCode == 44 && parsed.NationalNumber is >= 7700900000UL and <= 7700900999UL;

    public override string ToString() => E164;
}
