using NumbersBot.Bot.Tests.Cards;

namespace NumbersBot.Bot.Tests.Browser;

/// <summary>
/// What the browser test needs from the machine: Debian's chromium and chromedriver, and the adaptivecards npm package
/// (tests/js). Without them the test is skipped with the reason (a failure under CI: tools/TestSummary).
/// </summary>
internal static class BrowserPrerequisites
{
    public const string Chromium = "/usr/bin/chromium";
    public const string ChromeDriver = "/usr/bin/chromedriver";

    public static string AdaptiveCardsScript { get; } =
        Path.Combine(TemplateCase.RepositoryRoot, "tests", "js", "node_modules", "adaptivecards", "dist", "adaptivecards.min.js");

    public static void RequireAvailable()
    {
        var missing = new List<string>();
        if (!File.Exists(Chromium)) missing.Add($"{Chromium} (apt-get install chromium)");
        if (!File.Exists(ChromeDriver)) missing.Add($"{ChromeDriver} (apt-get install chromium-driver)");
        if (!File.Exists(AdaptiveCardsScript)) missing.Add($"{AdaptiveCardsScript} (npm ci in tests/js)");
        if (missing.Count == 0) return;
        var what = $"The browser test needs {string.Join(", ", missing)}; ./test.sh prepares them";
        Skip.If(true, what);
    }
}
