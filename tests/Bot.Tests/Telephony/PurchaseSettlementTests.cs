using NumbersBot.Bot.Telephony;
using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Telephony;

/// <summary>
/// A purchase whose outcome was unknown, where the bot already lists the same digits under an older Twilio SID: the
/// purchase is not matched to that row, and the number Twilio holds for it is shown to the admins instead of staying unknown.
/// </summary>
public class PurchaseSettlementTests
{
    private const string TeamsPlace = "19:admins@thread.tacv2";
    private const string SlackPlace = "C0ADMINS";

    [Fact]
    public async Task The_same_digits_under_another_SID_are_never_matched_and_are_shown_to_the_admins()
    {
        await using var bot = await TwilioBot.StartAsync(new Dictionary<string, string?>
        {
            ["Teams:ApprovalsConversationId"] = TeamsPlace, ["Slack:ApprovalsChannel"] = SlackPlace,
        });
        var bought = bot.Twilio.Holds(TwilioBot.PoolAccount, "+14155550142", friendlyName: TwilioTags.Purchase("card-11"));
        var older = new ProjectNumber(Guid.NewGuid(), TwilioBot.ProjectId, PhoneNumber.ParseE164("+14155550142"), AgentEnvironment.Sandbox,
            NumberSource.Platform, "PN0000000000000000000000000000old", false, null, bot.Clock.GetUtcNow(), "local:alice", reachability: Reachability.Routed);
        await bot.Numbers.AddAsync(older, CancellationToken.None);
        await bot.Intents.TryBeginAsync(new PurchaseIntent("card-11", TwilioBot.ProjectId, AgentEnvironment.Sandbox, Country.US, null, null,
            TwilioBot.Alice.User.Key, bot.Clock.GetUtcNow()), CancellationToken.None);
        bot.Clock.Advance(TimeSpan.FromMinutes(6));

        await bot.Get<PurchaseReconciler>().RunAsync(CancellationToken.None);
        var drift = await bot.Get<DriftCycles>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(PurchaseState.Failed, bot.Intents.Find("card-11")!.State);
        var kept = Assert.Single(await bot.Numbers.ListAllAsync(CancellationToken.None));
        Assert.Equal(older.ProviderReference, kept.ProviderReference);
        var finding = Assert.Single(drift!.Reported);
        Assert.Equal(bought.Sid, finding.ProviderReference);
        var teams = Assert.Single(bot.Get<RecordingChannels>().Teams.Sent);
        Assert.Equal(TeamsPlace, teams.Where);
        Assert.Contains(bought.Sid, System.Text.Json.JsonSerializer.Serialize(teams.Reply.Model));
        Assert.Equal(SlackPlace, Assert.Single(bot.Get<RecordingChannels>().Slack.Sent).Where);
        Assert.DoesNotContain(bot.Twilio.Requests, r => r.Method != "GET");
    }
}
