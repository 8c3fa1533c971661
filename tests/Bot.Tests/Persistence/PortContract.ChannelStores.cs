using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class PortContract
{
    protected const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    protected static readonly UserRef TeamsAdmin = UserRef.Teams("tenant-1", "oid-1");

    [SkippableFact]
    public async Task A_local_reply_is_found_by_its_id_on_every_instance_and_a_later_one_replaces_it()
    {
        var id = Guid.NewGuid();
        await using (var bot = NewInstance())
        {
            Assert.Null(await bot.LocalReplies.FindAsync(id, Ct));
            await bot.LocalReplies.SaveAsync(id, """{"cards":[]}""", Ct);
            await bot.LocalReplies.SaveAsync(id, """{"cards":[1]}""", Ct);
        }

        await using var other = NewInstance();
        Assert.Equal("""{"cards":[1]}""", await other.LocalReplies.FindAsync(id, Ct));
        Assert.Null(await other.LocalReplies.FindAsync(Guid.NewGuid(), Ct));
    }

    [SkippableFact]
    public async Task A_Teams_conversation_and_member_read_back_whole_on_every_instance_and_a_newer_one_replaces_it()
    {
        var channel = new TeamsConversation(ServiceUrl, "19:general@thread.tacv2", "tenant-1", "28:bot", "channel");
        var member = new TeamsMember(ServiceUrl, "29:admin", "tenant-1", "28:bot", null);
        await using (var bot = NewInstance())
        {
            await bot.TeamsConversations.SaveConversationAsync(channel with { ConversationType = null }, Ct);
            await bot.TeamsConversations.SaveConversationAsync(channel, Ct);
            await bot.TeamsConversations.SaveMemberAsync(TeamsAdmin, member, Ct);
            await bot.TeamsConversations.SaveMemberAsync(TeamsAdmin, member with { ConversationId = "a:personal" }, Ct);
        }

        await using var other = NewInstance();
        Assert.Equal(channel, await other.TeamsConversations.FindConversationAsync("19:general@thread.tacv2", Ct));
        Assert.Equal(member with { ConversationId = "a:personal" }, await other.TeamsConversations.FindMemberAsync(TeamsAdmin, Ct));
        Assert.Null(await other.TeamsConversations.FindConversationAsync("19:other@thread.tacv2", Ct));
        Assert.Null(await other.TeamsConversations.FindMemberAsync(UserRef.Teams("tenant-1", "someone-else"), Ct));
    }

    [SkippableFact]
    public async Task A_trusted_service_url_is_trusted_on_every_instance_and_no_other_url_is()
    {
        await using (var bot = NewInstance())
        {
            Assert.False(await bot.TrustedServiceUrls.IsTrustedAsync(ServiceUrl, Ct));
            await bot.TrustedServiceUrls.TrustAsync(ServiceUrl, Ct);
            await bot.TrustedServiceUrls.TrustAsync(ServiceUrl, Ct);
        }

        await using var other = NewInstance();
        Assert.True(await other.TrustedServiceUrls.IsTrustedAsync(ServiceUrl, Ct));
        Assert.False(await other.TrustedServiceUrls.IsTrustedAsync("https://smba.trafficmanager.net/amer/", Ct));
    }

    [SkippableFact]
    public async Task Conversations_members_and_trusted_urls_are_kept_apart()
    {
        await using var bot = NewInstance();
        // A conversation whose id looks like a service URL or a user key trusts no URL and names no member.
        await bot.TeamsConversations.SaveConversationAsync(new TeamsConversation(ServiceUrl, ServiceUrl, null, null, null), Ct);
        await bot.TeamsConversations.SaveConversationAsync(new TeamsConversation(ServiceUrl, TeamsAdmin.Key, null, null, null), Ct);

        Assert.False(await bot.TrustedServiceUrls.IsTrustedAsync(ServiceUrl, Ct));
        Assert.Null(await bot.TeamsConversations.FindMemberAsync(TeamsAdmin, Ct));
    }
}
