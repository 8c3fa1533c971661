using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Demo;
using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Bot.Tests.Hosting;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Telephony;

/// <summary>The whole bot, with its real database and scheduler, on Twilio (the fake one).</summary>
public class TwilioHostTests
{
    [Fact]
    public async Task The_running_bot_reconciles_a_purchase_left_pending_into_its_own_database()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        twilio.Account(TwilioBot.PoolAccount, TwilioBot.PoolToken);
        var bought = twilio.Holds(TwilioBot.PoolAccount, "+14155550142", friendlyName: TwilioTags.Purchase("host-card"));
        using var app = new NumbersBotApp();
        var settings = new Dictionary<string, string?> { ["Twilio:Reconcile:EverySeconds"] = "1" };
        foreach (var (key, value) in TwilioBot.Configuration(twilio.BaseUrl, settings).AsEnumerable().Where(s => s.Value is not null))
            app.With(key, value);
        app.CreateClient();
        await using var scope = app.Services.CreateAsyncScope();
        Assert.IsType<TwilioTelephonyProvider>(scope.ServiceProvider.GetRequiredService<ITelephonyProvider>());

        // As if the bot had stopped between paying and storing, ten minutes ago.
        await scope.ServiceProvider.GetRequiredService<IPurchaseIntentRepository>().TryBeginAsync(
            new PurchaseIntent("host-card", DemoProject.Id, AgentEnvironment.Sandbox, Country.US, null, null, "local:alice",
                DateTimeOffset.UtcNow.AddMinutes(-10)), CancellationToken.None);

        var stored = await EventuallyAsync(async () =>
        {
            await using var look = app.Services.CreateAsyncScope();
            return await look.ServiceProvider.GetRequiredService<INumberRepository>().FindByE164Async("+14155550142", CancellationToken.None);
        });
        Assert.Equal((bought.Sid, NumberSource.Platform, false), (stored.ProviderReference, stored.Source, stored.Simulated));
        Assert.Single(twilio.NumbersOf(TwilioBot.PoolAccount));
        Assert.Empty(twilio.RequestsTo("POST", "/IncomingPhoneNumbers.json"));
        twilio.AssertEveryRequestWasValid();
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } found) return found;
            Assert.True(DateTime.UtcNow < deadline, "The reconciler did not store the number within 30 seconds.");
            await Task.Delay(200);
        }
    }
}
