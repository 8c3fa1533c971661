namespace NumbersBot.Domain.Tests;

/// <summary>The ranges reserved for fiction, which the simulated provider hands out.</summary>
public sealed class FictionalNumberTests
{
    [Theory]
    [InlineData("+447700900000")]
    [InlineData("+44 7700 900123")]
    [InlineData("+447700900999")]
    public void Ofcom_drama_mobile_numbers_the_simulator_hands_out_are_UK_numbers(string text)
    {
        var number = PhoneNumber.ParseE164(text);

        Assert.Equal(Country.UK, number.Country);
        Assert.Equal("+44 7700 900", number.Display[..12]);
    }

    [Theory]
    [InlineData("+447700901000")] // just past Ofcom's drama block
    [InlineData("+4477009001")]
    public void Numbers_beside_the_drama_block_stay_invalid(string text) =>
        Refusals.Refused(() => PhoneNumber.ParseE164(text), RefusalKind.Invalid);

    [Theory]
    [InlineData("+447700900123", true)]
    [InlineData("+14155550123", true)]
    [InlineData("+14165550199", true)]
    [InlineData("+14155550200", false)]
    [InlineData("+442079460123", false)]
    public void Numbers_in_ranges_reserved_for_fiction_are_known_as_fictional(string e164, bool fictional) =>
        Assert.Equal(fictional, PhoneNumber.ParseE164(e164).IsFictional);
}
