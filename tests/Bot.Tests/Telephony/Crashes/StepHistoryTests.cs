using System.Text.Json;

namespace NumbersBot.Bot.Tests.Telephony.Crashes;

/// <summary>Issue 15: `history &lt;number&gt;` shows each telephony step in words, on the card the chat page renders.</summary>
[Collection(KilledBots.Collection)]
public class StepHistoryTests
{
    [Fact]
    public async Task History_of_a_number_shows_its_purchase_each_confirmed_routing_and_its_release_as_a_person_reads_them()
    {
        await using var bot = await CrashedBot.StartAsync();
        await bot.AddRoutedAsync("+12125550183");
        await bot.ClickAsync("project.sip", new
        {
            project = CrashedBot.Project, environment = "Sandbox",
            main = "sip:sandbox-v2@demo.voice.example.com", fallback = "sip:sandbox-v2-fallback@demo.voice.example.com",
        });
        await bot.AuditedAsync("+12125550183", "number.added", "number.routed", "number.routed");
        await bot.ClickAsync("number.delete.confirm", new { project = CrashedBot.Project, numberId = await bot.IdOfAsync("+12125550183") });

        var card = await bot.TypeAsync("history +12125550183");

        var lines = Texts(card).ToList();
        Assert.Contains("History of +1 212-555-0183", lines);
        InOrder(lines,
            "Number added",
            "Routing confirmed",
            "After: bought; confirmed at the provider: calls go to sip:sandbox@demo.voice.example.com, then sip:sandbox-fallback@demo.voice.example.com",
            "Routing confirmed",
            "After: SIP addresses changed; confirmed at the provider: calls go to sip:sandbox-v2@demo.voice.example.com, then sip:sandbox-v2-fallback@demo.voice.example.com",
            "Number deleted",
            "After: deleted; released to the pool");
        Assert.DoesNotContain(lines, l => l.Contains("number.", StringComparison.Ordinal));
    }

    /// <summary>Every TextBlock's text on the card, top to bottom.</summary>
    private static IEnumerable<string> Texts(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "text" && property.Value.ValueKind == JsonValueKind.String) yield return property.Value.GetString()!;
                foreach (var text in Texts(property.Value)) yield return text;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            foreach (var text in Texts(item))
                yield return text;
        }
    }

    private static void InOrder(List<string> lines, params string[] expected)
    {
        var at = -1;
        foreach (var line in expected)
        {
            var next = lines.FindIndex(at + 1, l => l == line);
            Assert.True(next > at, $"'{line}' does not follow in the card's lines:\n{string.Join("\n", lines)}");
            at = next;
        }
    }
}
