using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Bot.Persistence;
using NumbersBot.Domain.Audit;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>What earlier versions stored stays readable, and what this one stores they can read: no data moves on an upgrade.</summary>
public abstract partial class RepositorySuite
{
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
            await InsertConversationRowAsync(before, $"teams:serviceurl:{ServiceUrl}", "{}");
        }

        await using var bot = NewInstance();
        Assert.Equal("""{"cards":[]}""", await bot.LocalReplies.FindAsync(replyId, Ct));
        Assert.Equal(new TeamsConversation(ServiceUrl, "19:general@thread.tacv2", "tenant-1", "28:bot", "channel"),
            await bot.TeamsConversations.FindConversationAsync("19:general@thread.tacv2", Ct));
        Assert.Equal(new TeamsMember(ServiceUrl, "29:admin", "tenant-1", "28:bot", "a:personal"), await bot.TeamsConversations.FindMemberAsync(TeamsAdmin, Ct));
        Assert.True(await bot.TrustedServiceUrls.IsTrustedAsync(ServiceUrl, Ct));
    }

    [SkippableFact]
    public async Task The_channel_stores_write_the_keys_the_key_value_conversation_store_read()
    {
        var replyId = Guid.NewGuid();
        await using var bot = NewInstance();
        await bot.LocalReplies.SaveAsync(replyId, "{}", Ct);
        await bot.TeamsConversations.SaveConversationAsync(new TeamsConversation(ServiceUrl, "19:general@thread.tacv2", null, null, null), Ct);
        await bot.TeamsConversations.SaveMemberAsync(TeamsAdmin, new TeamsMember(ServiceUrl, "29:admin", "tenant-1", null, null), Ct);
        await bot.TrustedServiceUrls.TrustAsync(ServiceUrl, Ct);

        var keys = await bot.Get<DbSession>().QueryAsync<string>("SELECT conversation_key FROM conversations", null, Ct);
        Assert.Equal(
            new[] { $"local-reply:{replyId}", "teams:conversation:19:general@thread.tacv2", "teams:serviceurl:" + ServiceUrl, "teams:user:teams:tenant-1:oid-1" }
                .Order(StringComparer.Ordinal),
            keys.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task The_audit_trail_stores_the_channel_as_earlier_versions_did_and_reads_it_back_as_the_channel_name()
    {
        await using var bot = NewInstance();
        var entry = NewEntry(Now, AuditActions.NumberAdded) with { ActorKey = Carol.User.Key, Channel = Carol.User.Channel };
        await bot.Audit.AppendAsync(entry, Ct);
        await bot.Get<DbSession>().ExecuteAsync(
            "INSERT INTO audit_entries (id, occurred_at, actor_key, actor_name, channel, action_name, e164) " +
            "VALUES (@Id, @At, 'teams:tenant-1:oid-1', 'Dana', 'Teams', @Action, '+14155550100')",
            new { Id = Guid.NewGuid(), At = Now.AddSeconds(1), Action = AuditActions.NumberDeleted }, Ct);

        Assert.Equal(["Slack", "Teams"], (await bot.Get<DbSession>().QueryAsync<string>("SELECT channel FROM audit_entries", null, Ct)).Order());
        Assert.Equal(["slack", "teams"], (await bot.Audit.ForNumberAsync("+14155550100", Ct)).Select(e => e.Channel));
    }

    private Task InsertConversationRowAsync(BotInstance bot, string key, string address) =>
        bot.Get<DbSession>().ExecuteAsync("INSERT INTO conversations (conversation_key, address, updated_at) VALUES (@Key, @Address, @UpdatedAt)",
            new { Key = key, Address = address, UpdatedAt = Now }, Ct);
}
