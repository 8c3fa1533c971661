using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Bot.Hosting;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Tests.Channels.Teams;

/// <summary>
/// References and service URLs are written once per process, not once per activity, and again once a day while in use
/// so retention (which prunes by when a row was last written) never removes them.
/// </summary>
public class ReferenceRefreshTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private static readonly UserRef Alice = UserRef.Teams("tenant-1", "alice");
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly CountingStore _store = new();
    private readonly IServiceScopeFactory _scopes;

    public ReferenceRefreshTests()
    {
        _scopes = new ServiceCollection()
            .AddSingleton<ITeamsConversationReferenceStore>(_store)
            .AddSingleton<ITrustedServiceUrlStore>(_store)
            .BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
    }

    [Fact]
    public async Task A_day_of_activities_writes_each_reference_and_url_once()
    {
        var conversations = new TeamsConversations(_scopes, _clock, new RetentionPolicy(TimeSpan.FromDays(30), TimeSpan.FromHours(1)));
        var trusted = new TrustedServiceUrls(_scopes, _clock, new RetentionPolicy(TimeSpan.FromDays(30), TimeSpan.FromHours(1)));

        for (var i = 0; i < 100; i++)
        {
            await conversations.RememberAsync(PersonalMessage(), Alice, Ct);
            await trusted.TrustAsync(ServiceUrl, Ct);
            _clock.Advance(TimeSpan.FromMinutes(10)); // 100 activities over about 16 hours
        }

        Assert.Equal(1, _store.Conversations);
        Assert.Equal(1, _store.Members);
        Assert.Equal(1, _store.Urls);
    }

    [Fact]
    public async Task A_reference_still_in_use_a_day_later_is_written_again_and_an_unchanged_one_not_before()
    {
        var conversations = new TeamsConversations(_scopes, _clock, new RetentionPolicy(TimeSpan.FromDays(30), TimeSpan.FromHours(1)));
        var trusted = new TrustedServiceUrls(_scopes, _clock, new RetentionPolicy(TimeSpan.FromDays(30), TimeSpan.FromHours(1)));
        await conversations.RememberAsync(PersonalMessage(), Alice, Ct);
        await trusted.TrustAsync(ServiceUrl, Ct);

        _clock.Advance(TimeSpan.FromHours(23));
        await conversations.RememberAsync(PersonalMessage(), Alice, Ct);
        await trusted.TrustAsync(ServiceUrl, Ct);
        Assert.Equal((1, 1, 1), (_store.Conversations, _store.Members, _store.Urls));

        _clock.Advance(TimeSpan.FromHours(1));
        await conversations.RememberAsync(PersonalMessage(), Alice, Ct);
        await trusted.TrustAsync(ServiceUrl, Ct);
        Assert.Equal((2, 2, 2), (_store.Conversations, _store.Members, _store.Urls));
    }

    [Fact]
    public async Task With_a_short_retention_period_references_are_refreshed_twice_within_it()
    {
        var conversations = new TeamsConversations(_scopes, _clock, new RetentionPolicy(TimeSpan.FromDays(1), TimeSpan.FromHours(1)));
        await conversations.RememberAsync(PersonalMessage(), Alice, Ct);

        _clock.Advance(TimeSpan.FromHours(12));
        await conversations.RememberAsync(PersonalMessage(), Alice, Ct);

        Assert.Equal(2, _store.Conversations);
    }

    [Fact]
    public async Task A_url_only_read_from_the_database_is_still_written_when_an_activity_arrives_on_it()
    {
        var trusted = new TrustedServiceUrls(_scopes, _clock);
        await _store.TrustAsync(ServiceUrl, Ct); // another instance trusted it
        Assert.True(await trusted.IsTrustedAsync(ServiceUrl, Ct));

        await trusted.TrustAsync(ServiceUrl, Ct);

        Assert.Equal(2, _store.Urls);
    }

    [Fact]
    public void The_memo_stays_bounded_forgetting_the_expired_first()
    {
        var memo = new WriteMemo(_clock, TimeSpan.FromDays(1));
        memo.Remember("old", true);
        _clock.Advance(TimeSpan.FromDays(2));
        for (var i = 1; i < WriteMemo.Capacity; i++) memo.Remember($"key-{i}", true);

        memo.Remember("one-more", true);

        Assert.Equal(WriteMemo.Capacity, memo.Count); // "old" went, every fresh key stayed
        Assert.False(memo.IsFresh("old"));
        Assert.True(memo.IsFresh("key-1") && memo.IsFresh("one-more"));

        memo.Remember("over-capacity", true); // nothing expired: all forgotten, which only costs writes

        Assert.Equal(1, memo.Count);
    }

    private static Activity PersonalMessage() => new()
    {
        Type = "message", ServiceUrl = ServiceUrl, From = new("29:alice", "Alice"), Recipient = new("28:bot", "NumbersBot"),
        Conversation = new("a:alice-chat", "personal", "tenant-1"),
    };

    private sealed class CountingStore : ITeamsConversationReferenceStore, ITrustedServiceUrlStore
    {
        private readonly HashSet<string> _urls = [];

        public int Conversations { get; private set; }
        public int Members { get; private set; }
        public int Urls { get; private set; }

        public Task SaveConversationAsync(TeamsConversation conversation, CancellationToken ct) { Conversations++; return Task.CompletedTask; }
        public Task<TeamsConversation?> FindConversationAsync(string conversationId, CancellationToken ct) => Task.FromResult<TeamsConversation?>(null);
        public Task SaveMemberAsync(UserRef user, TeamsMember member, CancellationToken ct) { Members++; return Task.CompletedTask; }
        public Task<TeamsMember?> FindMemberAsync(UserRef user, CancellationToken ct) => Task.FromResult<TeamsMember?>(null);
        public Task TrustAsync(string serviceUrl, CancellationToken ct) { Urls++; _urls.Add(serviceUrl); return Task.CompletedTask; }
        public Task<bool> IsTrustedAsync(string serviceUrl, CancellationToken ct) => Task.FromResult(_urls.Contains(serviceUrl));
    }
}
