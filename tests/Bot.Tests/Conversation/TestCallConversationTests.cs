using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using static NumbersBot.Bot.Tests.Conversation.ConversationBot;

namespace NumbersBot.Bot.Tests.Conversation;

/// <summary>`test &lt;number&gt;` and the Test call buttons on the demo bot, whose simulated calls end by the number's last digit.</summary>
public class TestCallConversationTests
{
    [Fact]
    public async Task Typing_test_and_a_number_calls_it_and_reports_it_answered_with_what_a_test_call_costs()
    {
        using var bot = new ConversationBot();

        var result = await bot.ModelAsync<ResultView>(bot.TypeAsync(Carol, "test +44 7700 900101"), ViewNames.Result);

        Assert.Equal(("Test call to +44 7700 900101: answered", "good"), (result.Title, result.Style));
        Assert.StartsWith("Answered after 3 s: calls to +44 7700 900101 reach the agent.", result.Text);
        Assert.Contains(result.Facts, f => f.Title == "Cost" && f.Value.Contains("per minute, each started minute rounded up", StringComparison.Ordinal));
        Assert.Contains(result.Facts, f => f == new Fact("Test calls today", "1 of 20 for Demo Agent"));
        Assert.Equal("Test again", Assert.Single(result.TestCalls).Title);
    }

    [Theory]
    [InlineData("+14155550177", "busy", "Busy: the agent's SIP address answered busy (SIP 486)")]
    [InlineData("+14155550178", "no answer", "No answer: +1 415-555-0178 rang and nobody picked up")]
    [InlineData("+14155550179", "failed", "Failed with Twilio error 32011 (SIP 503): the agent's SIP address refused the call")]
    public async Task The_simulated_provider_ends_calls_by_the_numbers_last_digit(string e164, string ending, string sentence)
    {
        using var bot = new ConversationBot();
        await bot.ClickAsync(Alice, Verbs.ConnectNumber, (Keys.Project, "demo"), (Keys.Environment, "Sandbox"), (Keys.Number, e164));

        var result = await bot.ModelAsync<ResultView>(bot.TypeAsync(Carol, $"test {e164}"), ViewNames.Result);

        Assert.EndsWith(ending, result.Title);
        Assert.Equal("attention", result.Style);
        Assert.StartsWith(sentence, result.Text);
    }

    [Fact]
    public async Task Clicks_at_once_for_the_days_last_test_call_place_one_call_and_refuse_the_rest()
    {
        using var bot = new ConversationBot(app => app.With("Twilio:TestCalls:PerDay", "2"));
        await bot.TypeAsync(Carol, "test +44 7700 900101");
        string[] numbers = ["+447700900102", "+447700900103", "+14155550101", "+14155550102"];

        // Each on its own thread and database connection, as clicks in different chats arrive.
        var replies = await Task.WhenAll(numbers.Select(n => Task.Run(() => bot.TypeAsync(Carol, $"test {n}"))));

        Assert.Single(replies, r => r.Model is ResultView);
        Assert.All(replies.Where(r => r.Model is not ResultView),
            r => Assert.Contains("has placed its 2 test calls for today", Assert.IsType<ErrorView>(r.Model).Message));
        var again = await bot.ModelAsync<ErrorView>(bot.TypeAsync(Carol, "test +44 7700 900101"), ViewNames.Error);
        Assert.Contains("has placed its 2 test calls for today", again.Message);
    }

    [Fact]
    public async Task Someone_who_only_reads_numbers_may_not_place_a_test_call()
    {
        using var bot = new ConversationBot();

        var error = await bot.ModelAsync<ErrorView>(bot.TypeAsync(Dave, "test +44 7700 900101"), ViewNames.Error);

        Assert.Equal("forbidden", error.Kind);
    }

    [Fact]
    public async Task A_number_no_project_lists_gets_a_plain_answer()
    {
        using var bot = new ConversationBot();

        var error = await bot.ModelAsync<ErrorView>(bot.TypeAsync(Carol, "test +44 7700 900999"), ViewNames.Error);

        Assert.Equal("+44 7700 900999 is not a number NumbersBot lists, so it places no test call to it.", error.Message);
    }

    [Theory]
    [InlineData("test", "Say which number to call: `test +44 7700 900123`.")]
    [InlineData("test banana", "'banana' is not a valid E.164 number.")]
    [InlineData("test +44", "'+44' is not a valid E.164 number.")]
    public async Task Test_with_no_number_or_not_a_number_gets_a_plain_answer(string typed, string message)
    {
        using var bot = new ConversationBot();

        var error = await bot.ModelAsync<ErrorView>(bot.TypeAsync(Carol, typed), ViewNames.Error);

        Assert.Equal(("invalid", message), (error.Kind, error.Message));
    }

    [Theory]
    [InlineData(true, "That number is no longer in the project: it may have been deleted. Here is the current list.")]
    [InlineData(false, "'not-a-guid' is not a valid numberId. The card may be out of date: ask for `numbers` again.")]
    public async Task A_Test_call_button_on_a_deleted_number_or_a_mangled_one_shows_the_current_list(bool deleted, string notice)
    {
        using var bot = new ConversationBot();
        var listed = await bot.ModelAsync<NumbersView>(bot.ClickAsync(Alice, Verbs.ShowNumbers, (Keys.Project, "demo")), ViewNames.Numbers);
        var gone = listed.Environments.Single(e => e.Key == "Sandbox").Numbers.Single(n => n.E164 == "+14155550101");
        await bot.ClickAsync(Alice, Verbs.DeleteConfirmed, (Keys.Project, "demo"), (Keys.NumberId, gone.Id), (Keys.Version, gone.Version.ToString()));

        var numbers = await bot.ModelAsync<NumbersView>(bot.ClickAsync(Carol, Verbs.TestCall, (Keys.Project, "demo"),
            (Keys.NumberId, deleted ? gone.Id : "not-a-guid"), (Keys.Number, gone.E164)), ViewNames.Numbers);

        Assert.Equal((notice, "attention"), (numbers.Notice!.Text, numbers.Notice.Style));
        Assert.DoesNotContain(numbers.Environments.SelectMany(e => e.Numbers), n => n.E164 == gone.E164);
    }

    [Fact]
    public async Task The_test_call_is_in_the_numbers_history()
    {
        using var bot = new ConversationBot();
        await bot.TypeAsync(Carol, "test +44 7700 900101");

        var history = await bot.ModelAsync<HistoryView>(bot.TypeAsync(Dave, "history +44 7700 900101"), ViewNames.History);

        var entry = Assert.Single(history.Entries, e => e.Action == "Test call");
        Assert.StartsWith("Answered after 3 s", entry.After);
        Assert.Equal("Carol (numbers editor)", entry.Who);
    }

    [Theory]
    [InlineData(CardFormat.Adaptive)]
    [InlineData(CardFormat.BlockKit)]
    public async Task Every_number_row_has_a_Test_call_button_for_editors_only(CardFormat format)
    {
        using var bot = new ConversationBot();
        var renderer = new CardRenderer(Path.Combine(Cards.TemplateCase.RepositoryRoot, "cards"));

        var edit = renderer.Render(await bot.TypeAsync(Carol, "numbers"), format).ToJsonString();
        var read = renderer.Render(await bot.TypeAsync(Dave, "numbers"), format).ToJsonString();

        // The five demo numbers, each with its own button.
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(edit, "\"Test call\""));
        Assert.DoesNotContain("number.test", read, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_number_offers_a_Test_call_for_it()
    {
        using var bot = new ConversationBot();

        var numbers = await bot.ModelAsync<NumbersView>(bot.ClickAsync(Alice, Verbs.AddNumber, (Keys.Project, "demo"), (Keys.Environment, "Sandbox"),
            (Keys.Country, "US"), (Keys.AreaCode, "212"), (Keys.RequestKey, "add-1")), ViewNames.Numbers);

        var added = numbers.Environments.SelectMany(e => e.Numbers).Single(n => n.IsNew);
        var offer = Assert.Single(numbers.Notice!.TestCalls);
        Assert.Equal(("demo", added.Id, added.E164, $"Test call {added.Display}"), (offer.Project, offer.NumberId, offer.Number, offer.Title));
    }

    [Fact]
    public async Task Connecting_a_number_offers_a_Test_call_for_it()
    {
        using var bot = new ConversationBot();

        var numbers = await bot.ModelAsync<NumbersView>(
            bot.ClickAsync(Alice, Verbs.ConnectNumber, (Keys.Project, "demo"), (Keys.Environment, "Sandbox"), (Keys.Number, "+14155550166")), ViewNames.Numbers);

        Assert.Equal("+14155550166", Assert.Single(numbers.Notice!.TestCalls).Number);
    }

    [Fact]
    public async Task New_SIP_addresses_offer_a_Test_call_for_each_number_moved_and_the_button_calls_it()
    {
        using var bot = new ConversationBot();

        var project = await bot.ModelAsync<ProjectView>(bot.ClickAsync(Alice, Verbs.SetSip, (Keys.Project, "demo"), (Keys.Environment, "Sandbox"),
            (Keys.Main, "sip:sandbox-v2@demo.voice.example.com"), (Keys.Fallback, "sip:sandbox-v2-fallback@demo.voice.example.com")), ViewNames.Project);

        var offers = project.Notice!.TestCalls;
        Assert.Equal(["+14155550101", "+447700900101"], offers.Select(o => o.Number).Order());
        Assert.All(offers, o => Assert.StartsWith("Test call +", o.Title));
        var offer = offers[0];
        var result = await bot.ModelAsync<ResultView>(bot.ClickAsync(Carol, Verbs.TestCall, (Keys.Project, offer.Project), (Keys.NumberId, offer.NumberId),
            (Keys.Number, offer.Number)), ViewNames.Result);
        Assert.EndsWith("answered", result.Title);
    }
}
