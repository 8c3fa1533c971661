using System.Net;
using NumbersBot.Bot.Channels.Teams;

namespace NumbersBot.Bot.Tests.Channels.Teams;

public class AuthenticationTests
{
    public static TheoryData<string> ForgedCases => new()
    {
        "no header", "bad scheme", "not a jwt", "expired", "not yet valid", "wrong audience", "wrong issuer", "unknown key",
        "key without the msteams endorsement", "key without endorsements", "serviceurl mismatch", "no serviceurl claim", "alg none",
        "HS256 signed with the public key", "emulator token for another app",
    };

    [Theory]
    [MemberData(nameof(ForgedCases))]
    public async Task A_forged_request_is_refused_and_changes_nothing(string forgery)
    {
        await using var bot = await TeamsBot.StartAsync();
        var message = bot.Message("numbers demo");
        var scheme = forgery == "bad scheme" ? "Basic" : "Bearer";
        var url = bot.Channel.ServiceUrl;
        var rogue = new TestKey("rogue-key");
        var webchatOnly = new TestKey("webchat-key", "webchat");
        var bare = new TestKey("bare-key");
        bot.Channel.PublishChannelKey(webchatOnly);
        bot.Channel.PublishChannelKey(bare);
        string? token = forgery switch
        {
            "no header" => null,
            "bad scheme" => bot.ValidToken(),
            "not a jwt" => "definitely-not-a-token",
            "expired" => ChannelTokens.Channel(bot.ChannelKey, TeamsBot.AppId, url, validFrom: TimeSpan.FromHours(-2), validFor: TimeSpan.FromMinutes(50)),
            "not yet valid" => ChannelTokens.Channel(bot.ChannelKey, TeamsBot.AppId, url, validFrom: TimeSpan.FromMinutes(10)),
            "wrong audience" => ChannelTokens.Channel(bot.ChannelKey, "another-bot", url),
            "wrong issuer" => ChannelTokens.Channel(bot.ChannelKey, TeamsBot.AppId, url, issuer: "https://api.botframework.example"),
            "unknown key" => ChannelTokens.Channel(rogue, TeamsBot.AppId, url),
            "key without the msteams endorsement" => ChannelTokens.Channel(webchatOnly, TeamsBot.AppId, url),
            "key without endorsements" => ChannelTokens.Channel(bare, TeamsBot.AppId, url),
            "serviceurl mismatch" => ChannelTokens.Channel(bot.ChannelKey, TeamsBot.AppId, "https://attacker.example/teams/"),
            "no serviceurl claim" => ChannelTokens.Sign(bot.ChannelKey, ChannelTokens.ChannelIssuer, TeamsBot.AppId, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddHours(1)),
            "alg none" => ChannelTokens.Unsigned(TeamsBot.AppId, url, bot.ChannelKey.KeyId),
            "HS256 signed with the public key" => ChannelTokens.HmacWithPublicKey(bot.ChannelKey, TeamsBot.AppId, url),
            "emulator token for another app" => ChannelTokens.Emulator(bot.EmulatorKey, "another-bot"),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        var response = await bot.PostRawAsync(message.ToJsonString(), token, scheme);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(bot.Channel.Calls);
        Assert.Equal(0, bot.Channel.TokenRequests);
        Assert.Null(await bot.Get<TeamsConversations>().FindConversationAsync(TeamsBot.PersonalChat, CancellationToken.None));
    }

    [Fact]
    public async Task A_token_a_few_minutes_past_expiry_is_within_the_clock_skew()
    {
        await using var bot = await TeamsBot.StartAsync();
        var token = ChannelTokens.Channel(bot.ChannelKey, TeamsBot.AppId, bot.Channel.ServiceUrl, validFrom: TimeSpan.FromMinutes(-63), validFor: TimeSpan.FromHours(1));

        var response = await bot.PostAsync(bot.Message("help"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_channel_token_whose_serviceurl_differs_only_in_case_is_accepted()
    {
        await using var bot = await TeamsBot.StartAsync();
        var token = ChannelTokens.Channel(bot.ChannelKey, TeamsBot.AppId, bot.Channel.ServiceUrl.ToUpperInvariant());

        var response = await bot.PostAsync(bot.Message("help"), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(bot.Channel.Calls);
    }

    [Fact]
    public async Task An_emulator_token_for_this_app_is_accepted()
    {
        await using var bot = await TeamsBot.StartAsync();

        var response = await bot.PostAsync(bot.Message("help"), ChannelTokens.Emulator(bot.EmulatorKey, TeamsBot.AppId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(bot.Channel.Calls);
    }

    [Fact]
    public async Task A_rotated_channel_key_is_picked_up_on_first_sight()
    {
        await using var bot = await TeamsBot.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(bot.Message("help"))).StatusCode);
        var rotated = new TestKey("channel-key-2", "msteams");
        bot.Channel.PublishChannelKey(rotated);

        var response = await bot.PostAsync(bot.Message("help"), ChannelTokens.Channel(rotated, TeamsBot.AppId, bot.Channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, bot.Channel.KeySetFetches);
    }
}
