using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NumbersBot.Bot.Channels.Teams;

namespace NumbersBot.Bot.Tests.Channels.Teams;

public class OpenIdKeysTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TestKey _first = new("first", "msteams");
    private FakeBotFramework _channel = null!;
    private OpenIdKeys _keys = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeBotFramework.StartAsync();
        _channel.PublishChannelKey(_first);
        _keys = new OpenIdKeys(_channel.ChannelMetadataUrl, new PlainHttp(), _clock, NullLogger<OpenIdKeys>.Instance);
    }

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    [Fact]
    public async Task Keys_are_fetched_once_and_kept_with_their_endorsements()
    {
        var key = await _keys.FindAsync("first", CancellationToken.None);
        await _keys.FindAsync("first", CancellationToken.None);

        Assert.Equal(["msteams"], key!.Endorsements!);
        Assert.Equal(1, _channel.KeySetFetches);
    }

    [Fact]
    public async Task Keys_are_fetched_again_after_twelve_hours()
    {
        await _keys.FindAsync("first", CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(12));
        await _keys.FindAsync("first", CancellationToken.None);

        Assert.Equal(2, _channel.KeySetFetches);
    }

    [Fact]
    public async Task An_unknown_key_id_refreshes_at_most_once_every_five_minutes()
    {
        await _keys.FindAsync("first", CancellationToken.None);

        Assert.Null(await _keys.FindAsync("forged-1", CancellationToken.None));
        Assert.Null(await _keys.FindAsync("forged-2", CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Null(await _keys.FindAsync("forged-3", CancellationToken.None));
        Assert.Equal(2, _channel.KeySetFetches);

        _clock.Advance(TimeSpan.FromMinutes(1));
        _channel.PublishChannelKey(new TestKey("rotated", "msteams"));
        Assert.NotNull(await _keys.FindAsync("rotated", CancellationToken.None));
        Assert.Equal(3, _channel.KeySetFetches);
    }

    [Fact]
    public async Task Keys_already_held_are_used_when_the_endpoint_fails()
    {
        await _keys.FindAsync("first", CancellationToken.None);
        await _channel.DisposeAsync();
        _clock.Advance(TimeSpan.FromHours(13));

        Assert.NotNull(await _keys.FindAsync("first", CancellationToken.None));
    }

    [Fact]
    public async Task With_no_keys_at_all_validation_cannot_go_on()
    {
        var nowhere = new OpenIdKeys(new Uri("http://127.0.0.1:9/.well-known/openidconfiguration"), new PlainHttp(), _clock, NullLogger<OpenIdKeys>.Instance);

        await Assert.ThrowsAsync<SigningKeysUnavailable>(() => nowhere.FindAsync("first", CancellationToken.None));
    }

    private sealed class PlainHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new() { Timeout = TimeSpan.FromSeconds(5) };
    }
}
