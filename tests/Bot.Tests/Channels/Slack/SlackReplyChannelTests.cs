using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Tests.Channels.Slack;

public class SlackReplyChannelTests
{
    private static readonly Reply Added = new(ViewNames.Numbers, SlackBlockKitTests.Sample<NumbersView>("numbers.added"));

    [Fact]
    public async Task The_slack_reply_channel_is_registered_for_deferred_replies()
    {
        await using var bot = await SlackBot.StartAsync();

        Assert.Contains(bot.App.Services.GetServices<IReplyChannel>(), c => c.Channel == "slack" && c is SlackReplyChannel);
    }

    [Fact]
    public async Task A_reply_to_a_response_url_replaces_the_message_it_came_from()
    {
        await using var bot = await SlackBot.StartAsync();

        await Channel(bot).DeliverAsync(new SlackAddress(bot.Slack.ResponseUrl("r1")).ToReplyAddress(), Added, default);

        var call = Assert.Single(bot.Slack.Calls);
        Assert.Equal("response_url:r1", call.Method);
        Assert.Equal("", call.Authorization);
        Assert.True(call.Body["replace_original"]!.GetValue<bool>());
        Assert.Contains("Added +1 212-555-0100 to Sandbox.", Blocks.AllText(call.Body));
    }

    [Fact]
    public async Task A_reply_that_does_not_stand_in_for_the_card_is_ephemeral()
    {
        await using var bot = await SlackBot.StartAsync();
        var refusal = new Reply(ViewNames.Error, SlackBlockKitTests.Sample<ErrorView>("error.forbidden"), ReplacesCard: false);

        await Channel(bot).DeliverAsync(new SlackAddress(bot.Slack.ResponseUrl("r2")).ToReplyAddress(), refusal, default);

        var call = Assert.Single(bot.Slack.Calls);
        Assert.Equal("ephemeral", call.Body["response_type"]!.GetValue<string>());
        Assert.False(call.Body["replace_original"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_response_url_past_its_uses_or_its_time_is_gone_for_good_not_down()
    {
        await using var bot = await SlackBot.StartAsync();
        bot.Slack.LimitResponseUrlUses(5);
        var address = new SlackAddress(bot.Slack.ResponseUrl("r5")).ToReplyAddress();
        for (var use = 1; use <= 5; use++) await Channel(bot).DeliverAsync(address, Added, default);

        var used = await Assert.ThrowsAsync<ReplyAddressGoneException>(() => Channel(bot).DeliverAsync(address, Added, default));
        bot.Slack.Expire("r6");
        var expired = await Assert.ThrowsAsync<ReplyAddressGoneException>(
            () => Channel(bot).DeliverAsync(new SlackAddress(bot.Slack.ResponseUrl("r6")).ToReplyAddress(), Added, default));

        Assert.Contains("used_url", used.Message);
        Assert.Contains("expired_url", expired.Message);
    }

    [Fact]
    public async Task A_reply_to_a_channel_and_ts_updates_that_message()
    {
        await using var bot = await SlackBot.StartAsync();

        await Channel(bot).DeliverAsync(new SlackAddress(null, "D0DIRECT", "1700000000.000100").ToReplyAddress(), Added, default);

        var call = Assert.Single(bot.Slack.Calls);
        Assert.Equal("chat.update", call.Method);
        Assert.Equal("D0DIRECT", call.Body["channel"]!.GetValue<string>());
        Assert.Equal("1700000000.000100", call.Body["ts"]!.GetValue<string>());
        Assert.NotEmpty(call.Body["blocks"]!.AsArray());
    }

    [Fact]
    public async Task A_delivery_Slack_refuses_fails_so_that_it_is_tried_again()
    {
        await using var bot = await SlackBot.StartAsync();
        bot.Slack.Answer("chat.update", new System.Text.Json.Nodes.JsonObject { ["ok"] = false, ["error"] = "internal_error" });

        await Assert.ThrowsAsync<SlackDeliveryException>(() =>
            Channel(bot).DeliverAsync(new SlackAddress(null, "C1", "1700000000.000100").ToReplyAddress(), Added, default));
        await Assert.ThrowsAsync<SlackDeliveryException>(() =>
            Channel(bot).DeliverAsync(new ReplyAddress("slack", "{\"channel\":\"C1\"}"), Added, default));
    }

    private static IReplyChannel Channel(SlackBot bot) => bot.App.Services.GetServices<IReplyChannel>().Single(c => c.Channel == "slack");
}
