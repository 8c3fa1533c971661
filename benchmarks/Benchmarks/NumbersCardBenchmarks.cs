using BenchmarkDotNet.Attributes;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Benchmarks;

/// <summary>
/// Building the numbers card for a project of 20 and of 10,000 numbers: the view model, then each card format, asked for
/// again (copied) and for the first time (expanded and finished).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class NumbersCardBenchmarks
{
    private NumbersPage _page = null!;
    private NumbersView _view = null!;
    private CardRenderer _renderer = null!;
    private SlackMessages _slack = null!;

    [Params(20, 10_000)]
    public int Numbers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _page = BigProject(Numbers);
        _view = NumbersView.From(_page);
        _renderer = CardRenderer.FromOutputFolder().CompileAll();
        _slack = new SlackMessages(_renderer);
        Console.WriteLine($"// numbers card for {Numbers} numbers: {AdaptiveCard()} bytes (Adaptive Card), {SlackMessage()} bytes (Slack message)");
    }

    [Benchmark(Baseline = true)]
    public NumbersView ViewModel() => NumbersView.From(_page);

    /// <summary>The same card asked for again: copied (see WrittenCards).</summary>
    [Benchmark]
    public int AdaptiveCard()
    {
        using var json = JsonBuffer.Rent();
        _renderer.Write(json.Writer, ViewNames.Numbers, NumbersView.From(_page), CardFormat.Adaptive);
        return json.WrittenMemory.Length;
    }

    /// <summary>The Slack message for the same view (Block Kit finished to Slack's limits, folded to fit), as the bot sends it.</summary>
    [Benchmark]
    public int SlackMessage()
    {
        using var message = _slack.Message(new Reply(ViewNames.Numbers, NumbersView.From(_page)));
        return message.Utf8.Length;
    }

    private int _asked;

    /// <summary>A card whose data was not seen before (here: another viewer's name), so it is expanded, not copied.</summary>
    [Benchmark]
    public int AdaptiveCardFirstTime()
    {
        using var json = JsonBuffer.Rent();
        _renderer.Write(json.Writer, ViewNames.Numbers, NumbersView.From(_page) with { Viewer = $"viewer {++_asked}" }, CardFormat.Adaptive);
        return json.WrittenMemory.Length;
    }

    [Benchmark]
    public int SlackMessageFirstTime()
    {
        using var message = _slack.Message(new Reply(ViewNames.Numbers, NumbersView.From(_page) with { Viewer = $"viewer {++_asked}" }));
        return message.Utf8.Length;
    }

    private static NumbersPage BigProject(int count)
    {
        var sip = AgentEnvironments.All.ToDictionary(e => e, e => new SipAddresses($"sip:{e}@big.example.com", $"sip:{e}-fallback@big.example.com"));
        var project = new Project("big", "Big Project", TelephonyIntegration.PlatformPool, sip);
        var london = new Variant("v1", "London");
        var rows = Enumerable.Range(0, count).Select(i => (Environment: AgentEnvironments.All[i % 3], Row: new NumberRow(
            Guid.NewGuid(), PhoneNumber.ParseE164($"+14155550{100 + i % 100}"),
            NumberSource.Platform, true, "London", 3, null))).ToList();
        var sections = AgentEnvironments.All.Select(e => new EnvironmentNumbers(e, sip[e],
            rows.Where(r => r.Environment == e).Select(r => r.Row).ToList(), [london])).ToList();
        var viewer = new UserAccess(UserRef.Local("viewer"), "Viewer", Role.Admin, AccessLevel.Edit, AccessLevel.Edit);
        return new NumbersPage(project, true, [], sections, viewer);
    }
}
