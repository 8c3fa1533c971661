namespace NumbersBot.Bot.Tests.Cards;

/// <summary>
/// Teams clients older than Universal Actions cannot run Action.Execute: each one carries an Action.Submit fallback
/// with the same verb, so no button is missing on them. (The card's refresh is not a button: older clients skip it.)
/// Two exceptions: a number row's History and Test call buttons, whose fallbacks would push a full page of numbers past the
/// card size budget (NumbersCardTests); on an older client a person types `history &lt;number&gt;` or `test &lt;number&gt;` instead.
/// </summary>
public class OlderClientTests
{
    [Theory]
    [MemberData(nameof(TemplateCase.AdaptiveCardIds), MemberType = typeof(TemplateCase))]
    public void Every_universal_action_falls_back_to_a_submit_with_the_same_verb(string templateAndSample)
    {
        var card = CardRendererTests.Expand(TemplateCase.Get(templateAndSample));

        var missing = CancelAndBackTests.Actions(card, "$")
            .Where(a => a.Action["type"]!.GetValue<string>() == "Action.Execute" && !a.Path.EndsWith(".refresh.action", StringComparison.Ordinal))
            .Where(a => !(a.Action["verb"]?.GetValue<string>() is "history.show" or "number.test" && a.Action["data"]?["number"] is not null
                && a.Action["data"]?["numberId"] is null))
            .Where(a => a.Action["fallback"]?["type"]?.GetValue<string>() != "Action.Submit"
                || a.Action["fallback"]!["data"]?["verb"]?.GetValue<string>() != a.Action["verb"]?.GetValue<string>())
            .Select(a => $"{a.Path} ({a.Action["title"]})")
            .ToList();

        Assert.True(missing.Count == 0, "Action.Execute without an Action.Submit fallback carrying its verb:\n  " + string.Join("\n  ", missing));
    }
}
