namespace NumbersBot.Bot.Cards.Views;

/// <summary>
/// A finished action: what changed, by whom, when. Style: good, attention, or accent for work in progress.
/// <see cref="TestCalls"/>: numbers whose routing the action changed (or just tested), each with a Test call button.
/// </summary>
public sealed record ResultView(ProjectRef? Project, string Title, string Text, IReadOnlyList<Fact> Facts, string Style)
{
    public IReadOnlyList<TestCallOffer> TestCalls { get; init; } = [];
}

/// <summary>A Test call button for one number: its button data (project, number id, the number for the progress card) and its label.</summary>
public sealed record TestCallOffer(string Project, string NumberId, string Number, string Title)
{
    /// <param name="numberId">Null when only the number is known: the verb then finds it by its digits.</param>
    public static TestCallOffer For(string projectId, Guid? numberId, Domain.Numbers.PhoneNumber number, bool onlyOne = false) =>
        new(projectId, numberId?.ToString() ?? "", number.E164, onlyOne ? "Test call" : $"Test call {number.Display}");

    /// <summary>At most this many buttons after one change, so the card stays small; `test &lt;number&gt;` reaches the rest.</summary>
    public const int MostOffered = 5;
}
