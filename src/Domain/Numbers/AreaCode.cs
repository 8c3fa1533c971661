namespace NumbersBot.Domain.Numbers;

/// <summary>A North American area code: three digits, the first 2-9 (NANP never starts one with 0 or 1).</summary>
public sealed record AreaCode
{
    private AreaCode(string digits) => Digits = digits;

    public string Digits { get; }

    /// <summary>Empty means "any area code from the pool".</summary>
    public static AreaCode? ParseFor(Country country, string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0) return null;
        if (!country.HasAreaCodes())
            throw DomainException.InvalidInput(nameof(AreaCode), $"Area codes apply only to US and Canadian numbers, not {country.DisplayName()} ones. Leave the area code empty.");
        if (trimmed.Length != 3 || !trimmed.All(char.IsAsciiDigit))
            throw DomainException.InvalidInput(nameof(AreaCode), $"'{trimmed}' is not an area code: an area code is 3 digits, such as 415.");
        if (trimmed[0] is '0' or '1')
            throw DomainException.InvalidInput(nameof(AreaCode), $"'{trimmed}' is not an area code: North American area codes start with 2 to 9.");
        var region = RegionOf(trimmed);
        if (region is null)
            throw DomainException.InvalidInput(nameof(AreaCode), $"{trimmed} is not an area code in use in the US or Canada.");
        if (Countries.FromRegionCode(region) != country)
            throw DomainException.InvalidInput(nameof(AreaCode), Countries.FromRegionCode(region) is { } other
                ? $"{trimmed} is a {Adjective(other)} area code, not a {Adjective(country)} one. Choose {other.DisplayName()}, or another area code."
                : $"{trimmed} is not a {Adjective(country)} area code (it belongs to {region}).");
        return new AreaCode(trimmed);
    }

    public override string ToString() => Digits;

    private static string Adjective(Country country) => country == Country.Canada ? "Canadian" : country.DisplayName();

    /// <summary>Which NANP country an area code belongs to, judged by a fictional 555-01xx number in it.</summary>
    private static string? RegionOf(string areaCode)
    {
        var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
        var probe = util.Parse($"+1{areaCode}5550150", "US");
        return util.IsValidNumber(probe) ? util.GetRegionCodeForNumber(probe) : null;
    }
}
