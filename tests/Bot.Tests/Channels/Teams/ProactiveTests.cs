using System.Text.Json.Nodes;
using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Tests.Channels.Teams;

public class ProactiveTests
{
    private const string ApproversChannel = "19:approvers@thread.tacv2";

    [Fact]
    public async Task A_card_reaches_a_conversation_the_bot_was_added_to()
    {
        await using var bot = await TeamsBot.StartAsync();
        await AddBotAsync(bot, ApproversChannel);

        var sent = await bot.Get<TeamsProactive>().SendToConversationAsync(ApproversChannel, Help, CancellationToken.None);

        Assert.True(sent);
        var call = bot.Channel.Calls.Last();
        Assert.Equal("POST", call.Method);
        Assert.Equal($"v3/conversations/{Uri.EscapeDataString(ApproversChannel)}/activities", call.Path);
        Assert.Equal($"Bearer {FakeBotFramework.BotToken}", call.Authorization);
    }

    [Fact]
    public async Task A_conversation_the_bot_never_heard_from_gets_nothing()
    {
        await using var bot = await TeamsBot.StartAsync();

        Assert.False(await bot.Get<TeamsProactive>().SendToConversationAsync("19:elsewhere@thread.tacv2", Help, CancellationToken.None));
        Assert.Empty(bot.Channel.Calls);
    }

    [Fact]
    public async Task A_user_met_in_a_channel_is_reached_in_a_new_one_to_one_chat()
    {
        await using var bot = await TeamsBot.StartAsync();
        await bot.PostAsync(bot.Message("help", "19:team-channel@thread.tacv2;messageid=1", "channel"));
        var user = UserRef.Teams(TeamsBot.Tenant, TeamsBot.AdminObjectId);

        Assert.True(await bot.Get<TeamsProactive>().SendToUserAsync(user, Help, CancellationToken.None));
        Assert.True(await bot.Get<TeamsProactive>().SendToUserAsync(user, Help, CancellationToken.None));

        var calls = bot.Channel.Calls.Skip(1).ToList();
        Assert.Equal(3, calls.Count);
        Assert.Equal(("POST", "v3/conversations"), (calls[0].Method, calls[0].Path));
        Assert.Equal(TeamsBot.AdminUserId, calls[0].Body!["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(TeamsBot.Tenant, calls[0].Body!["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.Equal(TeamsBot.BotAccountId, calls[0].Body!["bot"]!["id"]!.GetValue<string>());
        Assert.All(calls.Skip(1), call => Assert.Equal("v3/conversations/a%3Aconversation-2/activities", call.Path));
    }

    [Fact]
    public async Task A_card_posted_to_a_conversation_comes_back_with_the_address_to_update_it_by()
    {
        await using var bot = await TeamsBot.StartAsync();
        await AddBotAsync(bot, ApproversChannel);

        var address = await bot.Get<TeamsReplyChannel>().PostToAsync(ApproversChannel, Help, CancellationToken.None);
        await bot.Get<TeamsReplyChannel>().DeliverAsync(address, Help, CancellationToken.None);

        var posted = bot.Channel.Calls[^2];
        var updated = bot.Channel.Calls[^1];
        Assert.Equal(("POST", $"v3/conversations/{Uri.EscapeDataString(ApproversChannel)}/activities"), (posted.Method, posted.Path));
        Assert.Equal("PUT", updated.Method);
        Assert.StartsWith($"v3/conversations/{Uri.EscapeDataString(ApproversChannel)}/activities/activity-", updated.Path);
    }

    [Fact]
    public async Task Posting_where_the_bot_was_never_added_throws_so_it_is_tried_again_later()
    {
        await using var bot = await TeamsBot.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => bot.Get<TeamsReplyChannel>().PostToAsync("19:unknown@thread.tacv2", Help, CancellationToken.None));
    }

    private static Reply Help => new(ViewNames.Help, HelpView.For(null), ReplacesCard: false);

    private static async Task AddBotAsync(TeamsBot bot, string conversationId)
    {
        var added = bot.Activity("conversationUpdate", conversationId, "channel");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsBot.BotAccountId });
        await bot.PostAsync(added);
    }
}
