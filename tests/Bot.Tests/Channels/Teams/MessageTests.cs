using System.Net;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Channels.Teams;

namespace NumbersBot.Bot.Tests.Channels.Teams;

public class MessageTests
{
    [Fact]
    public async Task Numbers_is_answered_with_the_numbers_card_refreshed_for_the_asker()
    {
        await using var bot = await TeamsBot.StartAsync();
        var message = bot.Message("numbers demo");

        var response = await bot.PostAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(bot.Channel.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal($"v3/conversations/{Uri.EscapeDataString(TeamsBot.PersonalChat)}/activities/{message["id"]}", call.Path);
        Assert.Equal($"Bearer {FakeBotFramework.BotToken}", call.Authorization);
        var card = Card(call);
        Assert.Equal("Phone numbers · Demo Agent", card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("Viewing as Ada Admin", card["body"]![1]!["text"]!.GetValue<string>());
        Assert.Equal("Action.Execute", card["refresh"]!["action"]!["type"]!.GetValue<string>());
        Assert.Equal("numbers.show", card["refresh"]!["action"]!["verb"]!.GetValue<string>());
        Assert.Equal("demo", card["refresh"]!["action"]!["data"]!["project"]!.GetValue<string>());
        Assert.Equal([TeamsBot.AdminUserId], card["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()));
    }

    [Fact]
    public async Task The_bot_token_comes_from_the_configured_single_tenant_authority_and_is_cached()
    {
        await using var bot = await TeamsBot.StartAsync();

        await bot.PostAsync(bot.Message("help"));
        await bot.PostAsync(bot.Message("approvals"));

        Assert.Equal(2, bot.Channel.Calls.Count);
        Assert.Equal(1, bot.Channel.TokenRequests);
        Assert.StartsWith($"/{TeamsBot.Tenant}/oauth2/v2.0/token ", bot.Channel.LastTokenRequest);
        Assert.Contains("grant_type=client_credentials", bot.Channel.LastTokenRequest);
        Assert.Contains("scope=https://api.botframework.com/.default", bot.Channel.LastTokenRequest);
        Assert.Contains($"client_id={TeamsBot.AppId}", bot.Channel.LastTokenRequest);
    }

    [Fact]
    public async Task A_burst_of_first_messages_asks_for_the_bot_token_once()
    {
        await using var bot = await TeamsBot.StartAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => bot.PostAsync(bot.Message("help"))));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.Equal(8, bot.Channel.Calls.Count);
        Assert.Equal(1, bot.Channel.TokenRequests);
    }

    [Fact]
    public async Task The_bots_mention_is_not_part_of_the_command_in_a_channel()
    {
        await using var bot = await TeamsBot.StartAsync();
        var message = bot.Message("<at>NumbersBot</at>&nbsp;numbers demo", "19:team-channel@thread.tacv2;messageid=1700000000000", "channel");
        message["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention", ["text"] = "<at>NumbersBot</at>", ["mentioned"] = new JsonObject { ["id"] = TeamsBot.BotAccountId, ["name"] = "NumbersBot" },
        });

        await bot.PostAsync(message);

        Assert.Equal("Phone numbers · Demo Agent", Card(Assert.Single(bot.Channel.Calls))["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Someone_teams_cannot_identify_gets_a_refusal_and_no_data()
    {
        await using var bot = await TeamsBot.StartAsync();

        await bot.PostAsync(bot.Message("numbers demo", aadObjectId: null));

        var card = TeamsBot.Text(Card(Assert.Single(bot.Channel.Calls)));
        Assert.Contains("We could not tell who you are", card);
        Assert.DoesNotContain("Demo Agent", card);
    }

    [Fact]
    public async Task Numbers_with_an_unknown_word_says_there_is_no_such_project_and_where_the_projects_and_commands_are()
    {
        await using var bot = await TeamsBot.StartAsync();

        await bot.PostAsync(bot.Message("numbers frobnicate"));

        var card = TeamsBot.Text(Card(Assert.Single(bot.Channel.Calls)));
        Assert.Contains("There is no project 'frobnicate'. Projects: Demo Agent.", card);
        Assert.Contains(Domain.Actions.ProjectGate.WhereToLook, card);
    }

    [Fact]
    public async Task A_teams_user_nobody_granted_access_is_refused()
    {
        await using var bot = await TeamsBot.StartAsync();

        await bot.PostAsync(bot.Message("numbers demo", aadObjectId: TeamsBot.StrangerObjectId));

        var card = TeamsBot.Text(Card(Assert.Single(bot.Channel.Calls)));
        Assert.Contains("Not allowed", card);
        Assert.DoesNotContain("+44 7700 900101", card);
    }

    [Fact]
    public async Task A_redelivered_message_is_answered_once()
    {
        await using var bot = await TeamsBot.StartAsync();
        var message = bot.Message("numbers demo");

        var first = await bot.PostAsync(message);
        var second = await bot.PostAsync(message);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(bot.Channel.Calls);
    }

    [Fact]
    public async Task Adding_the_bot_welcomes_the_conversation_once_and_remembers_it()
    {
        await using var bot = await TeamsBot.StartAsync();
        var added = bot.Activity("conversationUpdate", "19:general@thread.tacv2", "channel");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsBot.BotAccountId });
        var installed = bot.Activity("installationUpdate", "19:general@thread.tacv2", "channel");
        installed["action"] = "add";

        await bot.PostAsync(added);
        await bot.PostAsync(installed);

        var call = Assert.Single(bot.Channel.Calls);
        Assert.Equal($"v3/conversations/{Uri.EscapeDataString("19:general@thread.tacv2")}/activities", call.Path);
        Assert.Contains("numbers [project]", TeamsBot.Text(Card(call)));
        var remembered = await bot.Get<TeamsConversations>().FindConversationAsync("19:general@thread.tacv2", CancellationToken.None);
        Assert.Equal(bot.Channel.ServiceUrl, remembered?.ServiceUrl);
    }

    [Fact]
    public async Task A_member_other_than_the_bot_joining_gets_no_welcome()
    {
        await using var bot = await TeamsBot.StartAsync();
        var added = bot.Activity("conversationUpdate", "19:general@thread.tacv2", "channel");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:new-colleague" });

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(added)).StatusCode);
        Assert.Empty(bot.Channel.Calls);
    }

    internal static JsonObject Card(ConnectorCall call)
    {
        var attachment = call.Body!["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        return attachment["content"]!.AsObject();
    }
}
