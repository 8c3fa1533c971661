using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Tests.Channels.Slack;

namespace NumbersBot.Bot.Tests.Cards;

/// <summary>
/// A card asked for again with the same data is kept the second time and copied from then on; whatever differs anywhere
/// in the data, and whatever a channel adds at the end, gives what the template itself writes.
/// </summary>
public class WrittenCardsTests
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly CardRenderer _cards = new(Path.Combine(TemplateCase.RepositoryRoot, "cards"));
    private readonly NumbersView _page = SlackBlockKitTests.Sample<NumbersView>("numbers.demo");

    [Theory]
    [InlineData(CardFormat.Adaptive)]
    [InlineData(CardFormat.BlockKit)]
    public void The_same_page_asked_for_again_is_copied_and_is_what_the_template_writes(CardFormat format)
    {
        var first = Written(w => _cards.Write(w, ViewNames.Numbers, _page, format));
        var kept = Written(w => _cards.Write(w, ViewNames.Numbers, _page, format));
        Assert.Equal(2, _cards.Expansions); // the first time as before, the second to keep

        var copied = Written(w => _cards.Write(w, ViewNames.Numbers, _page, format));

        Assert.Equal(2, _cards.Expansions);
        Assert.Equal(Direct(ViewNames.Numbers, _page, format), first);
        Assert.Equal(first, kept);
        Assert.Equal(first, copied);
    }

    [Fact]
    public void A_value_changed_deep_in_the_page_is_a_new_card()
    {
        var live = _page.Environments.Single(e => e.IsLive);
        var renamed = _page with
        {
            Environments = [.. _page.Environments.Select(e => e != live ? e
                : e with { Numbers = [.. e.Numbers.Select((n, i) => i == 0 ? n with { Variant = "Glasgow" } : n)] })],
        };
        Keep(ViewNames.Numbers, _page);
        Assert.DoesNotContain("Glasgow", Written(w => _cards.Write(w, ViewNames.Numbers, _page, CardFormat.Adaptive)));

        var card = Written(w => _cards.Write(w, ViewNames.Numbers, renamed, CardFormat.Adaptive));

        Assert.Equal(3, _cards.Expansions);
        Assert.Contains("Glasgow", card);
        Assert.Equal(Direct(ViewNames.Numbers, renamed, CardFormat.Adaptive), card);
    }

    [Fact]
    public void Text_moved_from_one_value_to_the_next_is_a_new_card()
    {
        var first = new ResultView(null, "ab", "c", [], "good");
        var moved = new ResultView(null, "a", "bc", [], "good");

        Keep(ViewNames.Result, first);
        var card = Written(w => _cards.Write(w, ViewNames.Result, moved, CardFormat.Adaptive));

        Assert.Equal(3, _cards.Expansions);
        Assert.Equal(Direct(ViewNames.Result, moved, CardFormat.Adaptive), card);
    }

    [Fact]
    public void What_a_channel_adds_goes_at_the_end_of_a_copied_card_as_the_template_writes_it()
    {
        Action<Utf8JsonWriter> refresh = w =>
        {
            w.WriteStartObject("refresh");
            w.WriteString("verb", "numbers");
            w.WriteEndObject();
        };
        Keep(ViewNames.Numbers, _page);

        var card = Written(w => _cards.Write(w, ViewNames.Numbers, _page, CardFormat.Adaptive, refresh));

        Assert.Equal(2, _cards.Expansions);
        Assert.Equal(Direct(ViewNames.Numbers, _page, CardFormat.Adaptive, refresh), card);
        Assert.EndsWith("\"refresh\":{\"verb\":\"numbers\"}}", card);
    }

    [Fact]
    public void A_writer_that_escapes_differently_gets_its_own_copy()
    {
        var strict = new JsonWriterOptions(); // the default encoder escapes '+' in "+44 …"
        Keep(ViewNames.Numbers, _page);
        var relaxed = Written(w => _cards.Write(w, ViewNames.Numbers, _page, CardFormat.Adaptive), Relaxed);
        Written(w => _cards.Write(w, ViewNames.Numbers, _page, CardFormat.Adaptive), strict);

        var escaped = Written(w => _cards.Write(w, ViewNames.Numbers, _page, CardFormat.Adaptive), strict);

        Assert.Equal(Direct(ViewNames.Numbers, _page, CardFormat.Adaptive, options: strict), escaped);
        Assert.Contains("\\u002B44", escaped);
        Assert.DoesNotContain("\\u002B44", relaxed);
    }

    [Fact]
    public void A_Slack_message_sent_again_is_the_same_message_with_this_sends_extras()
    {
        var messages = new SlackMessages(_cards);
        var reply = new Reply(ViewNames.Numbers, _page, false);
        using (messages.Message(reply, extras: w => w.WriteString("channel", "C1"))) { }
        using (messages.Message(reply, extras: w => w.WriteString("channel", "C2"))) { }

        using var again = messages.Message(reply, extras: w => w.WriteString("response_type", "ephemeral"));

        Assert.Equal(2, _cards.Expansions);
        Assert.Equal(1, messages.Finishes);
        var expanded = Written(w => _cards.Template(ViewNames.Numbers, CardFormat.BlockKit).Write(w, _page, CardRenderer.Json));
        var direct = Written(w => BlockKit.WriteMessage(System.Text.Encoding.UTF8.GetBytes(expanded), w, w2 => w2.WriteString("response_type", "ephemeral")),
            NumbersBot.Bot.Cards.Templating.TemplateNode.WriterOptions);
        Assert.Equal(direct, System.Text.Encoding.UTF8.GetString(again.Utf8.Span));
    }

    [Fact]
    public void A_Slack_message_too_big_to_send_whole_is_cut_from_the_kept_card_when_asked_for_again()
    {
        var messages = new SlackMessages(_cards);
        var pending = SlackBlockKitTests.Sample<ApprovalsView>("approvals.pending");
        var reply = new Reply(ViewNames.Approvals, pending with { Count = 200, Requests = [.. Enumerable.Repeat(pending.Requests[0], 200)] }, false);
        using var first = messages.Message(reply);
        using var kept = messages.Message(reply);

        using var again = messages.Message(reply);

        Assert.Equal(2, _cards.Expansions); // the first time as before, the second to keep; never again for the same data
        Assert.Contains(BlockKit.TruncatedNote, again.ToString());
        Assert.Equal(first.ToString(), kept.ToString());
        Assert.Equal(first.ToString(), again.ToString());
    }

    [Fact]
    public void A_card_too_big_to_keep_is_written_straight_every_time_after_the_second()
    {
        var huge = new ResultView(null, "Huge", new string('x', WrittenCards.MaxCardBytes), [], "good");
        Assert.Null(_cards.Expanded(ViewNames.Result, huge, CardFormat.Adaptive, Relaxed)); // first sight
        Assert.NotNull(_cards.Expanded(ViewNames.Result, huge, CardFormat.Adaptive, Relaxed)); // expanded to keep: too big

        var third = _cards.Expanded(ViewNames.Result, huge, CardFormat.Adaptive, Relaxed);

        Assert.Null(third); // not expanded into a new large array each time
        Assert.Equal(0, _cards.KeptCards);
        Assert.Equal(Direct(ViewNames.Result, huge, CardFormat.Adaptive), Written(w => _cards.Write(w, ViewNames.Result, huge, CardFormat.Adaptive)));
    }

    [Fact]
    public void No_more_cards_are_kept_than_the_limit()
    {
        for (var i = 0; i <= WrittenCards.MaxCards; i++)
            Keep(ViewNames.Result, new ResultView(null, $"Card {i}", "text", [], "good"));

        Assert.InRange(_cards.KeptCards, 0, WrittenCards.MaxCards);
        Assert.Equal(2 * (WrittenCards.MaxCards + 1), _cards.Expansions);
    }

    /// <summary>Asks for the card twice, so it is kept (two expansions).</summary>
    private void Keep(string view, object model)
    {
        Written(w => _cards.Write(w, view, model, CardFormat.Adaptive));
        Written(w => _cards.Write(w, view, model, CardFormat.Adaptive));
    }

    private string Direct(string view, object model, CardFormat format, Action<Utf8JsonWriter>? extras = null, JsonWriterOptions? options = null) =>
        Written(w => _cards.Template(view, format).Write(w, model, CardRenderer.Json, extras), options);

    private static string Written(Action<Utf8JsonWriter> write, JsonWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options ?? Relaxed)) write(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
