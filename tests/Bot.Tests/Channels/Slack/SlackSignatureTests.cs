using System.Text;
using NumbersBot.Bot.Channels.Slack;

namespace NumbersBot.Bot.Tests.Channels.Slack;

public class SlackSignatureTests
{
    // Slack's documented example (docs "Verifying requests from Slack"), as recorded in shared/notes/slack.md.
    private const string ExampleSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string ExampleTimestamp = "1531420618";
    private const string ExampleSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static readonly byte[] ExampleBody = Encoding.UTF8.GetBytes(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
        "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands" +
        "%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");

    private static readonly DateTimeOffset ExampleTime = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    [Fact]
    public void The_test_signer_gives_Slacks_documented_signature()
    {
        Assert.Equal(ExampleSignature, SlackSigner.Sign(ExampleSecret, ExampleTimestamp, ExampleBody));
    }

    [Fact]
    public void The_bot_computes_and_accepts_Slacks_documented_signature()
    {
        Assert.Equal(ExampleSignature, SlackSignature.Compute(ExampleSecret, ExampleTimestamp, ExampleBody));
        Assert.True(SlackSignature.IsValid(ExampleSecret, ExampleTimestamp, ExampleSignature, ExampleBody, ExampleTime));
    }

    [Theory]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(-301, false)]
    [InlineData(301, false)]
    public void A_timestamp_is_accepted_up_to_five_minutes_either_side_of_now(int clockMinusTimestamp, bool accepted)
    {
        Assert.Equal(accepted,
            SlackSignature.IsValid(ExampleSecret, ExampleTimestamp, ExampleSignature, ExampleBody, ExampleTime.AddSeconds(clockMinusTimestamp)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b504")]
    [InlineData("v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503x")]
    [InlineData("v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v0=a2114d57")]
    public void Anything_but_the_right_v0_signature_is_refused(string? signature)
    {
        Assert.False(SlackSignature.IsValid(ExampleSecret, ExampleTimestamp, signature, ExampleBody, ExampleTime));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1531420618.5")]
    [InlineData("-1531420618")]
    [InlineData(" 1531420618")]
    [InlineData("99999999999999999999999")]
    public void A_missing_or_malformed_timestamp_is_refused(string? timestamp)
    {
        Assert.False(SlackSignature.IsValid(ExampleSecret, timestamp, ExampleSignature, ExampleBody, ExampleTime));
    }

    [Fact]
    public void One_changed_byte_of_the_body_or_another_secret_is_refused()
    {
        var altered = ExampleBody.ToArray();
        altered[^1] ^= 1;

        Assert.False(SlackSignature.IsValid(ExampleSecret, ExampleTimestamp, ExampleSignature, altered, ExampleTime));
        Assert.False(SlackSignature.IsValid(ExampleSecret + "x", ExampleTimestamp, ExampleSignature, ExampleBody, ExampleTime));
    }
}
