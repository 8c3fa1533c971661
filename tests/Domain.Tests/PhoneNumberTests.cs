namespace NumbersBot.Domain.Tests;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+44 20 7946 0123", "+442079460123", Country.UK, "+44 20 7946 0123")]
    [InlineData("+1 (415) 555-0123", "+14155550123", Country.US, "+1 415-555-0123")]
    [InlineData("+1 416 555 0123", "+14165550123", Country.Canada, "+1 416-555-0123")]
    public void ParseE164_reads_UK_US_and_Canadian_numbers(string text, string e164, Country country, string display)
    {
        var number = PhoneNumber.ParseE164(text);

        Assert.Equal(e164, number.E164);
        Assert.Equal(country, number.Country);
        Assert.Equal(display, number.Display);
        Assert.Equal(e164, number.ToString());
    }

    [Theory]
    [InlineData("(415) 555-0123")]
    [InlineData("415.555.0123")]
    [InlineData("4155550123")]
    public void Parse_reads_a_nationally_written_number_as_a_US_one(string text) =>
        Assert.Equal("+14155550123", PhoneNumber.Parse(text).E164);

    [Fact]
    public void The_same_number_written_two_ways_is_equal() =>
        Assert.Equal(PhoneNumber.ParseE164("+1 415 555 0123"), PhoneNumber.Parse("(415) 555-0123"));

    [Theory]
    [InlineData("4155550123")]
    [InlineData("14155550123")]
    [InlineData("020 7946 0123")]
    [InlineData("0044 20 7946 0123")]
    public void ParseE164_refuses_a_number_without_a_leading_plus(string text)
    {
        var refusal = Refusals.Refused(() => PhoneNumber.ParseE164(text), RefusalKind.Invalid);

        Assert.Contains("start with + and the country code", refusal.Message);
    }

    [Theory]
    [InlineData("+1415555012")] // a digit short
    [InlineData("+1 555 555 0100")] // no such area code
    [InlineData("+44 20 7946 01234 99")]
    [InlineData("+call me")]
    [InlineData("+")]
    public void ParseE164_refuses_numbers_that_cannot_exist(string text)
    {
        var refusal = Refusals.Refused(() => PhoneNumber.ParseE164(text), RefusalKind.Invalid);

        Assert.Contains("is not a valid E.164 number", refusal.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("+1 415 555 0123 0000000000000000000000")]
    public void Parse_refuses_empty_and_overlong_text(string? text) =>
        Refusals.Refused(() => PhoneNumber.Parse(text), RefusalKind.Invalid);

    [Theory]
    [InlineData("+33 1 23 45 67 89")] // France
    [InlineData("+49 30 901820")] // Germany
    [InlineData("+1 876 555 0123")] // Jamaica, inside +1 but not US or Canada
    public void Numbers_of_other_countries_are_refused_with_the_reason(string text)
    {
        var refusal = Refusals.Refused(() => PhoneNumber.ParseE164(text), RefusalKind.Invalid);

        Assert.Contains("is not a UK, US or Canadian number; only those are supported", refusal.Message);
    }

    [Theory]
    [InlineData("+12025550100", Country.US)]
    [InlineData("+14155550199", Country.US)]
    [InlineData("+14165550150", Country.Canada)]
    [InlineData("+16045550101", Country.Canada)]
    public void Fictional_North_American_555_01xx_numbers_are_valid(string e164, Country country) =>
        Assert.Equal(country, PhoneNumber.ParseE164(e164).Country);

    [Theory]
    [InlineData("+442079460000")]
    [InlineData("+441134960999")]
    public void Ofcom_drama_fixed_line_numbers_are_valid_UK_numbers(string e164) =>
        Assert.Equal(Country.UK, PhoneNumber.ParseE164(e164).Country);

    [Theory]
    [InlineData("UK", Country.UK)]
    [InlineData("gb", Country.UK)]
    [InlineData(" US ", Country.US)]
    [InlineData("usa", Country.US)]
    [InlineData("Canada", Country.Canada)]
    [InlineData("ca", Country.Canada)]
    public void Countries_are_read_as_people_type_them(string text, Country country) => Assert.Equal(country, Countries.Parse(text));

    [Fact]
    public void Other_countries_cannot_be_chosen_for_new_numbers()
    {
        var refusal = Refusals.Refused(() => Countries.Parse("France"), RefusalKind.Invalid);

        Assert.Contains("Choose UK, US or Canada", refusal.Message);
    }

    [Fact]
    public void A_stored_number_is_parsed_once_and_then_remembered()
    {
        var first = PhoneNumber.FromStored("+447700900555");
        var again = PhoneNumber.FromStored("+447700900555");

        Assert.Same(first, again);
        Assert.Equal("+44 7700 900555", again.Display);
        Assert.Equal(Country.UK, again.Country);
    }

    [Fact]
    public void A_stored_value_that_is_not_a_number_is_refused_every_time()
    {
        Refusals.Refused(() => PhoneNumber.FromStored("+4477009"), RefusalKind.Invalid);
        Refusals.Refused(() => PhoneNumber.FromStored("+4477009"), RefusalKind.Invalid);
        Assert.Equal("+14155550123", PhoneNumber.FromStored("+1 415-555-0123").E164);
    }
}
