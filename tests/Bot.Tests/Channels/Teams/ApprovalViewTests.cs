using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Tests.Channels.Teams;

/// <summary>Who gets their own view of an approval card posted where many people see it.</summary>
public class ApprovalViewTests
{
    private const string Approvers = "19:approvers@thread.tacv2";

    [Fact]
    public async Task Up_to_60_known_people_each_get_their_own_view_and_everyone_else_the_status()
    {
        await using var bot = await TeamsBot.StartAsync();
        var request = await PendingRequestAsync(bot, admins: 59);

        var card = await PostAsync(bot, request);

        Assert.Empty(card["actions"]!.AsArray());
        Assert.Equal(60, card["refresh"]!["userIds"]!.AsArray().Count); // 59 stored admins and the configured one
    }

    [Fact]
    public async Task With_more_than_60_people_everyone_sees_the_buttons_and_the_domain_refuses_whoever_may_not_decide()
    {
        await using var bot = await TeamsBot.StartAsync();
        var request = await PendingRequestAsync(bot, admins: 60);

        var card = await PostAsync(bot, request);

        Assert.Null(card["refresh"]);
        Assert.Contains(card["actions"]!.AsArray(), a => a!["verb"]?.GetValue<string>() == Verbs.Approve);
    }

    /// <summary>A pending request by a local user, and <paramref name="admins"/> stored Teams admins the bot has met.</summary>
    private static async Task<ApprovalRequest> PendingRequestAsync(TeamsBot bot, int admins)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var conversations = bot.Get<TeamsConversations>();
        foreach (var admin in Enumerable.Range(0, admins + 1))
        {
            var user = admin == 0 ? UserRef.Teams(TeamsBot.Tenant, TeamsBot.AdminObjectId) : UserRef.Teams(TeamsBot.Tenant, $"00000000-0000-0000-0000-{admin:D12}");
            if (admin > 0) await services.GetRequiredService<IAccessRepository>().SaveAsync(new UserAccess(user, $"Admin {admin}", Role.Admin, AccessLevel.None, AccessLevel.None), default);
            await conversations.SaveMemberAsync(user, new TeamsMember(bot.Channel.ServiceUrl, $"29:admin-{admin}", TeamsBot.Tenant, TeamsBot.BotAccountId, null), default);
        }
        var live = (await services.GetRequiredService<INumberRepository>().ListAsync("demo", default)).First(n => n.IsLive);
        var request = ApprovalRequest.ToDelete(Guid.NewGuid(), live, new Actor(UserRef.Local("carol"), "Carol"), DateTimeOffset.UtcNow, ApprovalPolicy.Default);
        await services.GetRequiredService<IApprovalRepository>().AddAsync(request, default);
        var added = bot.Activity("conversationUpdate", Approvers, "channel");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = TeamsBot.BotAccountId });
        (await bot.PostAsync(added)).EnsureSuccessStatusCode();
        return request;
    }

    private static async Task<JsonObject> PostAsync(TeamsBot bot, ApprovalRequest request)
    {
        var reply = new Reply(ViewNames.Approval, ApprovalView.From(request, ApprovalAudience.Approver));
        await bot.Get<TeamsReplyChannel>().PostToAsync(Approvers, reply, default);
        return bot.Channel.Calls[^1].Body!["attachments"]![0]!["content"]!.AsObject();
    }
}
