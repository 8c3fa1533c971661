using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NumbersBot.Bot.Channels.Teams;

namespace NumbersBot.Bot.Tests.Channels.Teams;

/// <summary>A channel token is checked in full once, then remembered by its exact string until it expires.</summary>
public class TokenMemoryTests
{
    [Fact]
    public async Task A_token_seen_before_is_not_checked_again_until_it_expires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await TeamsBot.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var token = ChannelTokens.Channel(bot.ChannelKey, TeamsBot.AppId, bot.Channel.ServiceUrl, validFrom: TimeSpan.FromMinutes(-1), validFor: TimeSpan.FromHours(1));
        var authenticator = bot.Get<BotAuthenticator>();

        var first = await authenticator.ValidateAsync($"Bearer {token}", CancellationToken.None);
        var again = await authenticator.ValidateAsync($"Bearer {token}", CancellationToken.None);
        Assert.Same(first, again);

        clock.Advance(TimeSpan.FromHours(1) + BotAuthenticator.ClockSkew + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostAsync(bot.Message("help"), token)).StatusCode);
        await Assert.ThrowsAsync<TokenRefused>(() => authenticator.ValidateAsync($"Bearer {token}", CancellationToken.None));
    }

    [Fact]
    public async Task The_bots_own_token_is_reused_until_five_minutes_before_it_expires_then_fetched_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await TeamsBot.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var inbound = ChannelTokens.Channel(bot.ChannelKey, TeamsBot.AppId, bot.Channel.ServiceUrl, validFrom: TimeSpan.FromMinutes(-1), validFor: TimeSpan.FromHours(2));

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(bot.Message("help"), inbound)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(54)); // the fake login's token lives 60 minutes
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(bot.Message("help"), inbound)).StatusCode);
        Assert.Equal(1, bot.Channel.TokenRequests);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(bot.Message("help"), inbound)).StatusCode);

        Assert.Equal(2, bot.Channel.TokenRequests);
        Assert.Equal(3, bot.Channel.Calls.Count);
    }

    [Fact]
    public async Task A_remembered_token_is_still_checked_against_each_activity()
    {
        await using var bot = await TeamsBot.StartAsync();
        var token = bot.ValidToken();
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(bot.Message("help"), token)).StatusCode);
        var elsewhere = bot.Message("help");
        elsewhere["serviceUrl"] = "https://attacker.example/teams/";
        var otherChannel = bot.Message("help");
        otherChannel["channelId"] = "slack";

        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostAsync(elsewhere, token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostAsync(otherChannel, token)).StatusCode);
        Assert.Single(bot.Channel.Calls);
    }

    [Fact]
    public async Task A_refused_token_is_refused_every_time()
    {
        await using var bot = await TeamsBot.StartAsync();
        var wrongAudience = ChannelTokens.Channel(bot.ChannelKey, "another-bot", bot.Channel.ServiceUrl);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostAsync(bot.Message("help"), wrongAudience)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostAsync(bot.Message("help"), wrongAudience)).StatusCode);
        Assert.Empty(bot.Channel.Calls);
    }
}

/// <summary>What an operator's log gets per request in Production: nothing, when all goes well.</summary>
public class ProductionLogTests
{
    [Fact]
    public async Task Answering_a_Teams_message_in_Production_writes_no_log_entry()
    {
        var logs = new NumbersBot.Bot.Tests.Channels.Local.CollectedLogs();
        await using var bot = await TeamsBot.StartAsync(
            new Dictionary<string, string?> { ["environment"] = "Production" },
            services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        // The first request fetches the signing keys and the bot's own token, which is worth a line each.
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(bot.Message("help"))).StatusCode);
        var before = logs.Entries.Count;

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(bot.Message("help"))).StatusCode);

        Assert.Equal(2, bot.Channel.Calls.Count);
        Assert.Empty(logs.Entries.Skip(before).Select(e => $"{e.Level}: {e.Message}"));
    }
}
