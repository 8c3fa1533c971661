namespace NumbersBot.Domain.Numbers;

/// <summary>The countries numbers can be added for.</summary>
public enum Country
{
    UK,
    US,
    Canada,
}

public static class Countries
{
    public static IReadOnlyList<Country> All { get; } = [Country.UK, Country.US, Country.Canada];

    /// <summary>ISO 3166 code, as telephony providers and libphonenumber name regions.</summary>
    public static string RegionCode(this Country country) => country switch
    {
        Country.UK => "GB",
        Country.US => "US",
        Country.Canada => "CA",
        _ => throw new ArgumentOutOfRangeException(nameof(country)),
    };

    public static string DisplayName(this Country country) => country switch
    {
        Country.UK => "UK",
        Country.US => "US",
        Country.Canada => "Canada",
        _ => throw new ArgumentOutOfRangeException(nameof(country)),
    };

    /// <summary>Only North American numbers are chosen by area code.</summary>
    public static bool HasAreaCodes(this Country country) => country is Country.US or Country.Canada;

    public static Country? FromRegionCode(string? region) => region?.ToUpperInvariant() switch
    {
        "GB" => Country.UK,
        "US" => Country.US,
        "CA" => Country.Canada,
        _ => null,
    };

    public static Country Parse(string? text) => (text ?? "").Trim().ToLowerInvariant() switch
    {
        "uk" or "gb" or "united kingdom" => Country.UK,
        "us" or "usa" or "united states" => Country.US,
        "ca" or "canada" => Country.Canada,
        _ => throw DomainException.Invalid($"'{text}' is not a country numbers can be added for. Choose UK, US or Canada."),
    };
}
