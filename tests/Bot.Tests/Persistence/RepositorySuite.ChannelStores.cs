using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Bot.Persistence;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class RepositorySuite
{
    private const string TeamsServiceUrl = "https://smba.trafficmanager.net/emea/";
    private static readonly UserRef TeamsMemberRef = UserRef.Teams("tenant-1", "oid-1");

    [SkippableFact]
    public async Task The_channel_stores_read_the_rows_the_key_value_conversation_store_wrote()
    {
        var replyId = Guid.NewGuid();
        await using (var before = NewInstance())
        {
            await InsertConversationRowAsync(before, $"local-reply:{replyId}", """{"cards":[]}""");
            await InsertConversationRowAsync(before, "teams:conversation:19:general@thread.tacv2",
                """{"serviceUrl":"https://smba.trafficmanager.net/emea/","conversationId":"19:general@thread.tacv2","tenantId":"tenant-1","botId":"28:bot","conversationType":"channel"}""");
            await InsertConversationRowAsync(before, "teams:user:teams:tenant-1:oid-1",
                """{"serviceUrl":"https://smba.trafficmanager.net/emea/","userId":"29:admin","tenantId":"tenant-1","botId":"28:bot","conversationId":"a:personal"}""");
            await InsertConversationRowAsync(before, $"teams:serviceurl:{TeamsServiceUrl}", "{}");
        }

        await using var bot = NewInstance();
        Assert.Equal("""{"cards":[]}""", await bot.LocalReplies.FindAsync(replyId, Ct));
        Assert.Equal(new TeamsConversation(TeamsServiceUrl, "19:general@thread.tacv2", "tenant-1", "28:bot", "channel"),
            await bot.TeamsConversations.FindConversationAsync("19:general@thread.tacv2", Ct));
        Assert.Equal(new TeamsMember(TeamsServiceUrl, "29:admin", "tenant-1", "28:bot", "a:personal"), await bot.TeamsConversations.FindMemberAsync(TeamsMemberRef, Ct));
        Assert.True(await bot.TrustedServiceUrls.IsTrustedAsync(TeamsServiceUrl, Ct));
    }

    [SkippableFact]
    public async Task The_channel_stores_write_the_keys_the_key_value_conversation_store_read()
    {
        var replyId = Guid.NewGuid();
        await using var bot = NewInstance();
        await bot.LocalReplies.SaveAsync(replyId, "{}", Ct);
        await bot.TeamsConversations.SaveConversationAsync(new TeamsConversation(TeamsServiceUrl, "19:general@thread.tacv2", null, null, null), Ct);
        await bot.TeamsConversations.SaveMemberAsync(TeamsMemberRef, new TeamsMember(TeamsServiceUrl, "29:admin", "tenant-1", null, null), Ct);
        await bot.TrustedServiceUrls.TrustAsync(TeamsServiceUrl, Ct);

        var keys = await bot.Get<DbSession>().QueryAsync<string>("SELECT conversation_key FROM conversations", null, Ct);
        Assert.Equal(
            new[] { $"local-reply:{replyId}", "teams:conversation:19:general@thread.tacv2", "teams:serviceurl:" + TeamsServiceUrl, "teams:user:teams:tenant-1:oid-1" }
                .Order(StringComparer.Ordinal),
            keys.Order(StringComparer.Ordinal));
    }

    private Task InsertConversationRowAsync(BotInstance bot, string key, string address) =>
        bot.Get<DbSession>().ExecuteAsync("INSERT INTO conversations (conversation_key, address, updated_at) VALUES (@Key, @Address, @UpdatedAt)",
            new { Key = key, Address = address, UpdatedAt = Now }, Ct);
}
