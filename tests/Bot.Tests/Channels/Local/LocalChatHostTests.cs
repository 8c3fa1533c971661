using System.Net;
using NumbersBot.Bot.Tests.Hosting;

namespace NumbersBot.Bot.Tests.Channels.Local;

public class LocalChatHostTests
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:3978")]
    [InlineData("[::1]:3978")]
    public async Task The_chat_answers_requests_addressed_to_a_loopback_name(string host)
    {
        using var app = new NumbersBotApp();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/local/people") { Headers = { Host = host } };

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/local/people")]
    public async Task A_page_that_rebinds_its_own_name_to_this_machine_is_refused(string path)
    {
        using var app = new NumbersBotApp();
        var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Host = "attacker.example" } };

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("only on localhost", await response.Content.ReadAsStringAsync());
    }
}
