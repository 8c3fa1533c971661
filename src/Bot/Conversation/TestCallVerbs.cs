using NumbersBot.Bot.Cards.Views;
using NumbersBot.Domain;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Conversation;

/// <summary>The Test call button on a number and the typed `test &lt;number&gt;`: slow (progress first), and written down before Twilio is called.</summary>
public sealed class TestCallVerbs(TestCallHandler handler, IIdSource ids)
{
    public static IReadOnlyList<Verb> Declarations { get; } =
    [
        Verb.Of<TestCallVerbs>(Verbs.TestCall, v => v.TestAsync) with
        {
            ChangesState = true, Slow = true, ShowsState = Verbs.ShowNumbers,
            Progress = r => $"Calling {Shown(r.Optional(Keys.Number))} from the test caller…",
            Help = new("test <number>",
                "Calls the number from the test caller, hangs up a few seconds after it is answered, and says whether the call reached the agent (Numbers Edit; a few per project per day)."),
            Words = ["test"], Argument = Keys.Number,
        },
    ];

    public async Task<Reply> TestAsync(ConversationRequest request, CancellationToken ct)
    {
        // A deferred request carries a key that stays the same when it runs again after a crash; a direct one makes its own.
        var key = request.Optional(Keys.RequestKey) ?? ids.NewId().ToString("N");
        var numberId = request.Optional(Keys.NumberId) is null ? (Guid?)null : request.RequiredId(Keys.NumberId);
        var report = await handler.HandleAsync(new TestCall(request.Actor, numberId, request.Optional(Keys.Number), key), ct);
        return new Reply(ViewNames.Result, View(report, request.Time));
    }

    public static ResultView View(TestCallReport report, ViewerTime time)
    {
        var number = report.Number;
        var (title, style) = report.Outcome?.Status switch
        {
            TestCallStatus.Answered => ($"Test call to {number.Number.Display}: answered", "good"),
            TestCallStatus.Busy => ($"Test call to {number.Number.Display}: busy", "attention"),
            TestCallStatus.NoAnswer => ($"Test call to {number.Number.Display}: no answer", "attention"),
            TestCallStatus.Failed => ($"Test call to {number.Number.Display}: failed", "attention"),
            TestCallStatus.NotPlaced => ($"Test call to {number.Number.Display}: not placed", "attention"),
            _ => ($"Test call to {number.Number.Display}: still going", "accent"),
        };
        var text = report.Outcome?.Describe(number.Number)
            ?? $"The call had not ended when NumbersBot stopped waiting; `history {number.Number.E164}` shows how it ended.";
        List<Fact> facts =
        [
            new("Environment", number.Environment.DisplayName()),
            new("Started", time.Format(report.StartedAt)),
            new("Test calls today", $"{report.UsedToday} of {report.PerDay} for {report.ProjectName}"),
            new("Cost", TestCallPolicy.Cost),
        ];
        return new ResultView(new ProjectRef(number.ProjectId, report.ProjectName), title, text, facts, style)
        {
            TestCalls = [TestCallOffer.For(number.ProjectId, number.Id, number.Number, onlyOne: true) with { Title = "Test again" }],
        };
    }

    private static string Shown(string? number)
    {
        if (number is null) return "the number";
        try
        {
            return Domain.Numbers.PhoneNumber.Parse(number).Display;
        }
        catch (DomainException)
        {
            return number;
        }
    }
}
