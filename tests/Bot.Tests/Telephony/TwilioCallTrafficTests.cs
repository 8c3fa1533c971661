using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;
using NumbersBot.Tests.Support.Twilio;

namespace NumbersBot.Bot.Tests.Telephony;

/// <summary>A number's calls from Twilio's call log (ListCall), on the fake Twilio, which refuses what the OpenAPI description does not allow.</summary>
public class TwilioCallTrafficTests
{
    private const string Pool = TwilioBot.PoolAccount;
    private const string Number = "+14155550142";

    [Fact]
    public async Task Calls_are_read_page_by_page_and_only_those_that_came_in_to_the_number_in_the_last_week_count()
    {
        await using var bot = await TwilioBot.StartAsync();
        var now = bot.Clock.GetUtcNow();
        for (var i = 0; i < 1_200; i++) bot.Twilio.Called(Pool, Number, now.AddMinutes(-3 - i * 7));
        bot.Twilio.Called(Pool, Number, now.AddHours(-1), direction: "outbound-api");
        bot.Twilio.Called(Pool, Number, now.AddHours(-2), direction: "trunking-originating"); // in through the SIP trunk
        bot.Twilio.Called(Pool, "+14155550143", now.AddHours(-1));
        bot.Twilio.Called(Pool, Number, now.AddDays(-7).AddHours(-1)); // the day StartTime> asks for, but before the week

        var calls = await bot.Get<RecentCallsReader>().OfAsync(TwilioBot.ProjectId, PhoneNumber.ParseE164(Number), NumberSource.Platform, default);

        var expectedDay = Enumerable.Range(0, 1_200).Count(i => 3 + i * 7 <= 24 * 60) + 1;
        Assert.Equal(new RecentCalls(true, 1_201, expectedDay, now.AddMinutes(-3)), calls);
        var pages = bot.Twilio.RequestsTo("GET", "/Calls.json");
        Assert.Equal(2, pages.Count);
        Assert.Equal((Number, now.AddDays(-7).ToString("yyyy-MM-dd"), "1000"), (pages[0].Query["To"], pages[0].Query["StartTime>"], pages[0].Query["PageSize"]));
        Assert.Equal(("1", Number), (pages[1].Query["Page"], pages[1].Query["To"]));
        Assert.All(pages, p => Assert.Contains(Pool, p.Path));
    }

    [Fact]
    public async Task NumbersBots_own_test_calls_are_not_counted_as_calls_to_the_number()
    {
        const string testCaller = "+14155550100";
        await using var bot = await TwilioBot.StartAsync(new Dictionary<string, string?> { ["Twilio:TestCaller"] = testCaller });
        var now = bot.Clock.GetUtcNow();
        bot.Twilio.Called(Pool, Number, now.AddHours(-30));
        bot.Twilio.Called(Pool, Number, now.AddMinutes(-2), direction: "trunking-originating", from: testCaller); // the test call's leg down the trunk

        var calls = await bot.Get<RecentCallsReader>().OfAsync(TwilioBot.ProjectId, PhoneNumber.ParseE164(Number), NumberSource.Platform, default);

        Assert.Equal(new RecentCalls(true, 1, 0, now.AddHours(-30)), calls);
        Assert.False(calls.WarnsBeforeDeleting(live: true));
    }

    [Fact]
    public async Task A_connected_numbers_calls_are_read_in_the_customers_own_account()
    {
        await using var bot = await TwilioBot.StartAsync();
        var now = bot.Clock.GetUtcNow();
        bot.Twilio.Called(TwilioBot.CustomerAccount, Number, now.AddMinutes(-10));
        bot.Twilio.Called(Pool, Number, now.AddMinutes(-5));

        var calls = await bot.Get<RecentCallsReader>().OfAsync(TwilioBot.ProjectId, PhoneNumber.ParseE164(Number), NumberSource.Twilio, default);

        Assert.Equal(new RecentCalls(true, 1, 1, now.AddMinutes(-10)), calls);
        Assert.Contains(TwilioBot.CustomerAccount, Assert.Single(bot.Twilio.RequestsTo("GET", "/Calls.json")).Path);
    }

    [Fact]
    public async Task When_Twilio_fails_the_figures_are_unknown_and_the_next_card_asks_again()
    {
        await using var bot = await TwilioBot.StartAsync();
        bot.Twilio.Called(Pool, Number, bot.Clock.GetUtcNow().AddMinutes(-5));
        bot.Twilio.FailNext("GET", "/Calls.json", 20500, 500);
        var reader = bot.Get<RecentCallsReader>();

        var failed = await reader.OfAsync(TwilioBot.ProjectId, PhoneNumber.ParseE164(Number), NumberSource.Platform, default);
        var again = await reader.OfAsync(TwilioBot.ProjectId, PhoneNumber.ParseE164(Number), NumberSource.Platform, default);

        Assert.Same(RecentCalls.Unknown, failed);
        Assert.Equal(1, again.InLastWeek);
    }

    [Theory]
    [InlineData("GET", "Calls.json?To=%2B14155550142&StartTime%3E%3D=2026-03-01", "ListCall has no parameter 'StartTime>='")]
    [InlineData("GET", "Calls.json?Status=answered", "ListCall Status: 'answered' is not one of")]
    [InlineData("GET", "Calls.json?PageSize=5000", "ListCall PageSize: 5000 is outside 1..1000")]
    [InlineData("GET", "Recordings.json", "is not an operation NumbersBot is known to send")]
    [InlineData("POST", "Calls/CA00000000000000000000000000000001.json", "is not an operation NumbersBot is known to send")] // a test call is never updated
    [InlineData("POST", "IncomingPhoneNumbers.json", "CreateIncomingPhoneNumber has no parameter 'Number'")]
    public async Task The_fake_answers_400_to_a_request_Twilios_OpenAPI_description_does_not_allow(string method, string rest, string problem)
    {
        await using var twilio = await FakeTwilio.StartAsync();
        twilio.Account(Pool, TwilioBot.PoolToken);
        using var http = new HttpClient { BaseAddress = twilio.BaseUrl };
        using var request = new HttpRequestMessage(new HttpMethod(method), $"2010-04-01/Accounts/{Pool}/{rest}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Pool}:{TwilioBot.PoolToken}")));
        if (method == "POST") request.Content = new FormUrlEncodedContent([new("Number", Number)]);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem, await response.Content.ReadAsStringAsync());
        Assert.Contains(problem, Assert.Single(twilio.InvalidRequests));
    }

    [Fact]
    public void The_facts_name_their_source_and_spell_the_call_log_filters_as_Twilio_does()
    {
        var facts = File.ReadAllText(TwilioOpenApi.FactsFile);
        var listCall = Assert.Single(TwilioOpenApi.Operations, o => o.Id == "ListCall");

        Assert.Matches(@"""source"": ""github.com/twilio/twilio-oai [0-9a-f]{40}: spec/json/twilio_api_v2010.json and spec/json/twilio_trunking_v1.json""", facts);
        Assert.Equal(("GET", "/2010-04-01/Accounts/{AccountSid}/Calls.json"), (listCall.Method, listCall.Path));
        Assert.Contains("StartTime>", listCall.Parameters.Keys);
        Assert.Contains("To", listCall.Parameters.Keys);
        Assert.Null(TwilioOpenApi.Problem("GET", $"/2010-04-01/Accounts/{Pool}/Calls.json",
            new Dictionary<string, string> { ["To"] = Number, ["StartTime>"] = "2026-03-01", ["PageSize"] = "1000" }, new Dictionary<string, string>()));
    }
}
