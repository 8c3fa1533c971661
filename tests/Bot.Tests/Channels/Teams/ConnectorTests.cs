using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Channels;
using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Tests.Channels.Teams;

public class ConnectorTests
{
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Throttling_and_gateway_answers_are_retried(HttpStatusCode status)
    {
        await using var bot = await TeamsBot.StartAsync();
        bot.Channel.FailNext(status, retryAfter: "0");

        var response = await bot.PostAsync(bot.Message("help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, bot.Channel.Calls.Count);
        Assert.Equal(bot.Channel.Calls[0].Path, bot.Channel.Calls[1].Path);
    }

    [Fact]
    public async Task A_user_who_blocked_the_bot_is_reported_with_the_connectors_code_and_not_retried()
    {
        await using var bot = await TeamsBot.StartAsync();
        await bot.PostAsync(bot.Message("help"));
        bot.Channel.FailNext(HttpStatusCode.Forbidden, "MessageWritesBlocked");

        var failure = await Assert.ThrowsAsync<ConnectorException>(() =>
            bot.Get<IBotConnector>().SendAsync(bot.Channel.ServiceUrl, TeamsBot.PersonalChat, OutgoingJson.From(new JsonObject { ["type"] = "message" }), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, failure.Status);
        Assert.Equal("MessageWritesBlocked", failure.Code);
        Assert.Equal(2, bot.Channel.Calls.Count);
    }

    [Fact]
    public async Task The_bots_token_never_goes_to_a_service_url_no_authenticated_activity_came_from()
    {
        await using var bot = await TeamsBot.StartAsync();
        var elsewhere = new Uri(bot.Channel.BaseUrl, "elsewhere/").ToString();

        var failure = await Assert.ThrowsAsync<ConnectorException>(() =>
            bot.Get<IBotConnector>().SendAsync(elsewhere, TeamsBot.PersonalChat, OutgoingJson.From(new JsonObject { ["type"] = "message" }), CancellationToken.None));

        Assert.Equal("UntrustedServiceUrl", failure.Code);
        Assert.Empty(bot.Channel.Calls);
    }

    [Fact]
    public async Task Ids_in_connector_paths_are_escaped()
    {
        await using var bot = await TeamsBot.StartAsync();
        await bot.PostAsync(bot.Message("help"));

        await bot.Get<IBotConnector>().UpdateAsync(bot.Channel.ServiceUrl, "19:a/b?c#d@thread.tacv2", "1:x/y", OutgoingJson.From(new JsonObject { ["type"] = "message" }),
            CancellationToken.None);
        await bot.Get<IBotConnector>().DeleteAsync(bot.Channel.ServiceUrl, "19:a/b?c#d@thread.tacv2", "1:x/y", CancellationToken.None);

        var calls = bot.Channel.Calls.Skip(1).ToList();
        Assert.Equal(("PUT", "v3/conversations/19%3Aa%2Fb%3Fc%23d%40thread.tacv2/activities/1%3Ax%2Fy"), (calls[0].Method, calls[0].Path));
        Assert.Equal(("DELETE", calls[0].Path), (calls[1].Method, calls[1].Path));
        Assert.Equal("""{"id":"1:x/y","type":"message"}""", calls[0].Body?.ToJsonString());
    }

    [Fact]
    public async Task A_deferred_reply_replaces_the_progress_card()
    {
        await using var bot = await TeamsBot.StartAsync();
        await bot.PostAsync(bot.Message("help"));
        var address = new TeamsReplyAddress(bot.Channel.ServiceUrl, TeamsBot.PersonalChat, "progress-card-1", TeamsBot.AdminUserId).ToAddress();
        var channel = Assert.Single(bot.Services.GetServices<IReplyChannel>(), c => c.Channel == "teams");

        await channel.DeliverAsync(address, new Reply(ViewNames.Help, HelpView.For(null)), CancellationToken.None);

        var call = bot.Channel.Calls.Last();
        Assert.Equal(("PUT", $"v3/conversations/{Uri.EscapeDataString(TeamsBot.PersonalChat)}/activities/progress-card-1"), (call.Method, call.Path));
    }
}
