using System.Text.Json;
using NumbersBot.Bot.Channels;

namespace NumbersBot.Bot.Tests.Channels;

/// <summary>Only escaped text can hold a lone surrogate; it is found wherever it is, and nothing else is refused.</summary>
public class JsonTextTests
{
    [Theory]
    [InlineData("""{"text":"\ud800"}""")]
    [InlineData("""{"\udfff":"x"}""")]
    [InlineData("""{"a":[{"b":"ok \"quoted\" \ud83d"}]}""")]
    public void A_lone_surrogate_anywhere_is_invalid(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.False(JsonText.IsValid(document.RootElement));
    }

    [Theory]
    [InlineData("""{"text":"plain","n":1,"list":["a","b"],"nested":{"t":null}}""")]
    [InlineData("""{"text":"a pair \ud83d\ude00, a quote \" and a newline \n","caf\u00e9":"é"}""")]
    public void Text_that_NET_can_hold_is_valid(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.True(JsonText.IsValid(document.RootElement));
    }
}
