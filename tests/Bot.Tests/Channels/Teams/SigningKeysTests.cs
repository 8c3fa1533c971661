using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NumbersBot.Bot.Channels.Teams;

namespace NumbersBot.Bot.Tests.Channels.Teams;

/// <summary>The key cache is IdentityModel's ConfigurationManager; these pin the policy NumbersBot sets on it.</summary>
public class SigningKeysTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TestKey _first = new("first", "msteams");
    private FakeBotFramework _channel = null!;
    private SigningKeys _keys = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeBotFramework.StartAsync();
        _channel.PublishChannelKey(_first);
        _keys = Keys(_channel.ChannelMetadataUrl);
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
    public async Task Keys_are_fetched_again_after_twelve_hours_and_at_most_five_percent_more()
    {
        await _keys.FindAsync("first", CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(11));
        await _keys.FindAsync("first", CancellationToken.None);
        Assert.Equal(1, _channel.KeySetFetches);

        _clock.Advance(TimeSpan.FromHours(1) + SigningKeys.RefreshEvery / 20);
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
        var nowhere = Keys(new Uri("http://127.0.0.1:9/.well-known/openidconfiguration"));

        await Assert.ThrowsAsync<SigningKeysUnavailable>(() => nowhere.FindAsync("first", CancellationToken.None));
    }

    [Fact]
    public async Task A_key_set_anywhere_but_https_or_loopback_is_not_fetched()
    {
        _channel.ChannelKeySetUrl = new Uri("http://keys.example/channel/keys");

        await Assert.ThrowsAsync<SigningKeysUnavailable>(() => _keys.FindAsync("first", CancellationToken.None));
        Assert.Equal(0, _channel.KeySetFetches);
    }

    [Fact]
    public void The_bot_and_its_tests_refresh_keys_in_line()
    {
        var runtimeConfig = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "NumbersBot.Bot.runtimeconfig.json"));

        Assert.Contains("\"Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking\": true", runtimeConfig);
        Assert.True(AppContext.TryGetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", out var blocking) && blocking);
    }

    /// <summary>
    /// ConfigurationManager reads the time from an internal TimeProvider (its own tests' hook); setting it here is what
    /// lets twelve hours pass in a test. Should IdentityModel rename it, this fails loudly rather than passing untested.
    /// </summary>
    private SigningKeys Keys(Uri metadataUrl)
    {
        var keys = new SigningKeys(metadataUrl, new PlainHttp(), NullLogger<SigningKeys>.Instance);
        var clock = keys.Manager.GetType().GetField("TimeProvider", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("ConfigurationManager has no TimeProvider field any more.");
        clock.SetValue(keys.Manager, _clock);
        return keys;
    }

    private sealed class PlainHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new() { Timeout = TimeSpan.FromSeconds(5) };
    }
}
