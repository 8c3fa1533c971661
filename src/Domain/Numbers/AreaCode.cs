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
            throw DomainException.Invalid($"Area codes apply only to US and Canadian numbers, not {country.DisplayName()} ones. Leave the area code empty.");
        if (trimmed.Length != 3 || !trimmed.All(char.IsAsciiDigit))
            throw DomainException.Invalid($"'{trimmed}' is not an area code: an area code is 3 digits, such as 415.");
        if (trimmed[0] is '0' or '1')
            throw DomainException.Invalid($"'{trimmed}' is not an area code: North American area codes start with 2 to 9.");
        return new AreaCode(trimmed);
    }

    public override string ToString() => Digits;
}
