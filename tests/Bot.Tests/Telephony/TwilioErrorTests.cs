using System.Net;
using System.Net.Sockets;
using Twilio.Exceptions;
using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Telephony;

public class TwilioErrorTests
{
    private static readonly NumberOrder UsOrder = new(TwilioBot.ProjectId, Country.US, null, AgentEnvironment.Sandbox, "card-1");

    [Theory]
    [InlineData(21422, 400, RefusalKind.ProviderFailed, "that number is no longer available")]
    [InlineData(21452, 400, RefusalKind.ProviderFailed, "Twilio has no numbers available for that request")]
    [InlineData(21421, 400, RefusalKind.Invalid, "the phone number is not valid")]
    [InlineData(21451, 400, RefusalKind.Invalid, "does not recognise that area code")]
    [InlineData(21631, 400, RefusalKind.ProviderFailed, "check the address set as Twilio:Regulatory:GB:AddressSid")]
    [InlineData(21649, 400, RefusalKind.ProviderFailed, "check that the bundle set as Twilio:Regulatory:GB:BundleSid is approved")]
    [InlineData(21650, 400, RefusalKind.ProviderFailed, "lacks the identity document")]
    [InlineData(20003, 401, RefusalKind.ProviderFailed, "did not accept the credentials of the platform's Twilio account")]
    [InlineData(20404, 404, RefusalKind.NotFound, "has no such resource")]
    [InlineData(20429, 429, RefusalKind.ProviderFailed, "asked us to slow down")]
    public async Task A_refused_purchase_is_explained_plainly_and_never_repeated(int code, int status, RefusalKind kind, string explanation)
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Offer("US", "Local", "+14155550142");
        bot.Twilio.FailNext("POST", "/IncomingPhoneNumbers.json", code, status);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => bot.Telephony.BuyAsync(UsOrder, CancellationToken.None));

        Assert.Equal(kind, refusal.Kind);
        Assert.Contains(explanation, refusal.Message);
        Assert.Contains("Nothing was bought.", refusal.Message);
        Assert.DoesNotContain(TwilioBot.PoolToken, refusal.Message);
        Assert.Equal($"Twilio {code} (HTTP {status})", refusal.ProviderCode);
        Assert.Single(bot.Twilio.RequestsTo("POST", "/IncomingPhoneNumbers.json"));
    }

    [Fact]
    public async Task When_Twilio_asks_to_slow_down_a_search_is_repeated_and_the_purchase_goes_through()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Offer("US", "Local", "+14155550142");
        bot.Twilio.FailNext("GET", "/AvailablePhoneNumbers/", 20429, 429, times: 2);

        var bought = await bot.Telephony.BuyAsync(UsOrder, CancellationToken.None);

        Assert.Equal("+14155550142", bought.Number.E164);
        Assert.Equal(3, bot.Twilio.RequestsTo("GET", "/AvailablePhoneNumbers/").Count);
        Assert.Single(bot.Twilio.RequestsTo("POST", "/IncomingPhoneNumbers.json"));
    }

    [Fact]
    public async Task A_slow_down_that_outlasts_the_retries_becomes_a_plain_answer()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.FailNext("GET", "/IncomingPhoneNumbers.json", 20429, 429, times: 100);

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            bot.Telephony.FindExistingAsync(TwilioBot.ProjectId, PhoneNumber.ParseE164("+14155550199"), CancellationToken.None));

        Assert.Contains("project acme's Twilio account and asked us to slow down", refusal.Message);
        Assert.Equal(4, bot.Twilio.RequestsTo("GET", "/IncomingPhoneNumbers.json").Count);
    }

    [Fact]
    public async Task A_look_up_Twilio_does_not_answer_in_time_is_a_plain_answer()
    {
        await using var bot = await TwilioBot.StartAsync(new Dictionary<string, string?> { ["Twilio:TimeoutSeconds"] = "3" });
        bot.Twilio.StallNext("GET", "/IncomingPhoneNumbers.json", TimeSpan.FromSeconds(30));

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            bot.Telephony.FindExistingAsync(TwilioBot.ProjectId, PhoneNumber.ParseE164("+14155550199"), CancellationToken.None));

        Assert.Equal(RefusalKind.ProviderFailed, refusal.Kind);
        Assert.StartsWith("Twilio did not answer in time when asked to look up +1 415-555-0199", refusal.Message);
    }

    [Fact]
    public async Task When_Twilio_cannot_be_reached_the_answer_says_so_and_nothing_is_bought()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var bot = await TwilioBot.StartAsync(new Dictionary<string, string?> { ["Twilio:ApiBaseUrl"] = $"http://127.0.0.1:{port}" });

        var refusal = await Assert.ThrowsAsync<DomainException>(() => bot.Telephony.BuyAsync(UsOrder, CancellationToken.None));

        Assert.StartsWith("Twilio could not be reached to search for US numbers.", refusal.Message);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(429)]
    public void A_create_Twilio_refused_with_a_4xx_made_nothing_and_is_told_as_explained(int status)
    {
        var explained = new DomainException(RefusalKind.Invalid, "Twilio could not place a test call: the number is not valid.") { ProviderCode = "Twilio 21215 (HTTP 400)" };

        Assert.Same(explained, TwilioErrors.AfterCreate(new ApiException(21215, status, "Refused", "", null), explained));
    }

    public static TheoryData<Exception> CreatesThatMayHaveHappened() => new()
    {
        new ApiException(20500, 500, "Internal Server Error", "", null),
        new ApiException(20503, 503, "Service Unavailable", "", null),
        new ApiException("The answer could not be read"),
        new ApiConnectionException("Connection Error: POST https://api.twilio.com/...", new HttpRequestException("refused")),
        new ApiConnectionException("Connection Error", new TaskCanceledException("The request timed out")),
        new TaskCanceledException("The request timed out"),
    };

    [Theory]
    [MemberData(nameof(CreatesThatMayHaveHappened))]
    public void A_create_that_failed_without_Twilios_refusal_may_have_been_made_so_its_outcome_is_unknown(Exception failure)
    {
        var explained = new DomainException(RefusalKind.ProviderFailed, "Twilio did not answer in time when asked to place a test call.") { ProviderCode = "Twilio 20500 (HTTP 500)" };

        var told = TwilioErrors.AfterCreate(failure, explained);

        Assert.Equal(RefusalKind.OutcomeUnknown, told.Kind);
        Assert.Equal((explained.Message, explained.ProviderCode), (told.Message, told.ProviderCode));
    }
}
