using System.Text;
using NumbersBot.Bot.Channels.Slack;

namespace NumbersBot.Bot.Tests.Channels.Slack;

/// <summary>A slash command's form is parsed once per request: the filter's ssl_check look and the endpoint share it.</summary>
public class SlackBodyTests
{
    [Fact]
    public void The_form_is_parsed_once_and_read_many_times()
    {
        var body = new SlackBody(Encoding.UTF8.GetBytes("team_id=T1&user_id=U1&text=history+%2B447700900123"));

        var first = body.Form;

        Assert.Same(first, body.Form);
        Assert.Equal("history +447700900123", first["text"]);
    }

    [Fact]
    public void A_body_that_is_not_UTF8_is_refused_on_every_read()
    {
        var body = new SlackBody([0x74, 0x65, 0x78, 0x74, 0x3d, 0xff]);

        Assert.Throws<SlackRequestException>(() => body.Form);
        Assert.Throws<SlackRequestException>(() => body.Form);
    }
}
