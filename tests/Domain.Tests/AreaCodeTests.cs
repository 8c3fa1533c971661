namespace NumbersBot.Domain.Tests;

public sealed class AreaCodeTests
{
    [Theory]
    [InlineData(Country.US, "415")]
    [InlineData(Country.US, " 212 ")]
    [InlineData(Country.Canada, "416")]
    public void US_and_Canadian_numbers_take_a_three_digit_area_code(Country country, string text) =>
        Assert.Equal(text.Trim(), AreaCode.ParseFor(country, text)!.Digits);

    [Theory]
    [InlineData(Country.US, null)]
    [InlineData(Country.US, "")]
    [InlineData(Country.Canada, "  ")]
    [InlineData(Country.UK, "")]
    public void An_empty_area_code_means_any(Country country, string? text) => Assert.Null(AreaCode.ParseFor(country, text));

    [Fact]
    public void An_area_code_for_a_UK_number_is_refused()
    {
        var refusal = Refusals.Refused(() => AreaCode.ParseFor(Country.UK, "020"), RefusalKind.Invalid);

        Assert.Contains("only to US and Canadian numbers", refusal.Message);
    }

    [Theory]
    [InlineData("41")]
    [InlineData("4155")]
    [InlineData("41a")]
    [InlineData("４１５")] // full-width digits are digits, but not ASCII ones
    public void An_area_code_must_be_exactly_three_digits(string text)
    {
        var refusal = Refusals.Refused(() => AreaCode.ParseFor(Country.US, text), RefusalKind.Invalid);

        Assert.Contains("an area code is 3 digits", refusal.Message);
    }

    [Theory]
    [InlineData("015")]
    [InlineData("115")]
    public void An_area_code_must_start_with_2_to_9(string text)
    {
        var refusal = Refusals.Refused(() => AreaCode.ParseFor(Country.Canada, text), RefusalKind.Invalid);

        Assert.Contains("start with 2 to 9", refusal.Message);
    }
}
