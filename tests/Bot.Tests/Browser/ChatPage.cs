using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using Xunit.Sdk;

namespace NumbersBot.Bot.Tests.Browser;

/// <summary>
/// The local chat page in headless chromium, driven as a person would: type a line, pick who you are, click the buttons
/// the Adaptive Cards renderer drew. Every wait is on something the page shows; a timeout says what the page showed.
/// </summary>
internal sealed class ChatPage : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly string _profile = Directory.CreateTempSubdirectory("numbersbot-chromium").FullName;
    private readonly ChromeDriver _driver = null!;

    public ChatPage(string url)
    {
        var service = ChromeDriverService.CreateDefaultService(
            Path.GetDirectoryName(BrowserPrerequisites.ChromeDriver)!, Path.GetFileName(BrowserPrerequisites.ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPrerequisites.Chromium };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--window-size=1280,1400", $"--user-data-dir={_profile}");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        try
        {
            _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(30));
            _driver.Navigate().GoToUrl(url);
            Until("the page to be ready (people listed, renderer loaded)", () => Now() is var now && (now.Ready || now.Problem is not null));
            FailOnProblem();
        }
        catch
        {
            Dispose(); // nobody else holds this page yet, and chromium must not outlive the test
            throw;
        }
    }

    /// <summary>Everything the conversation shows, as text.</summary>
    public string Text => TryRead(() => _driver.FindElement(By.Id("conversation")).Text);

    /// <summary>The newest card from the bot (an answer to a button may have replaced it in place).</summary>
    public IWebElement LastCard => _driver.FindElements(By.CssSelector(".message.bot .body")).Last();

    public void Say(string line)
    {
        var before = Now().BotMessages;
        _driver.FindElement(By.Id("text")).SendKeys(line + Keys.Enter);
        Until($"an answer to '{line}'", () => Now() is var now && now.BotMessages > before && now.Answered);
        FailOnProblem();
    }

    public void BeSomeoneElse(string name)
    {
        _driver.FindElement(By.Id("person")).Click();
        _driver.FindElement(By.XPath($"//select[@id='person']/option[normalize-space(.)={Quote(name)}]")).Click();
        Until($"the page to say you are {name}", () => Text.Contains($"You are now {name}.", StringComparison.Ordinal));
    }

    /// <summary>Clicks a card's button and waits for the answer, in place or as a new message, to show <paramref name="expected"/>.</summary>
    public void Click(IWebElement scope, string button, string expected)
    {
        Button(scope, button).Click();
        Until($"'{expected}' after clicking {button}",
            () => Now() is var now && !now.Busy && (now.Problem is not null || now.LastCard.Contains(expected, StringComparison.Ordinal)));
        FailOnProblem();
    }

    public static IWebElement Button(IWebElement scope, string title) =>
        scope.FindElement(By.XPath($".//button[@aria-label={Quote(title)}]"));

    public static bool HasButton(IWebElement scope, string title) =>
        scope.FindElements(By.XPath($".//button[@aria-label={Quote(title)}]")).Count > 0;

    /// <summary>An environment's section of a numbers card: the innermost container with its heading and SIP addresses.</summary>
    public static IWebElement Section(IWebElement card, string environment) =>
        card.FindElements(By.XPath(
                $".//div[contains(@class,'ac-container')][.//div[contains(@class,'ac-textBlock')][starts-with(normalize-space(.),{Quote(environment + " (")})]]" +
                "[.//*[normalize-space(.)='Main SIP']]"))
            .Last();

    /// <summary>A number's row in a section: the nearest element around its text that also holds its buttons.</summary>
    public static IWebElement Row(IWebElement section, string number) =>
        section.FindElement(By.XPath(
            $".//div[contains(@class,'ac-textBlock')][normalize-space(.)={Quote(number)}]/ancestor::*[.//button[@aria-label='Delete']][1]"));

    /// <summary>The control of the card input with this id (the renderer puts the id on the input's wrapper).</summary>
    public static IWebElement Input(IWebElement card, string id, string control = "input") =>
        card.FindElement(By.XPath($".//*[@id={Quote(id)}]//{control}"));

    /// <summary>Picks a choice whether the renderer drew the choice set as a list (option) or expanded (radio button).</summary>
    public static void Choose(IWebElement card, string choiceSetId, string title)
    {
        var choices = card.FindElements(By.XPath(
            $".//*[@id={Quote(choiceSetId)}]//*[self::option[normalize-space(.)={Quote(title)}] or self::input[@aria-label={Quote(title)}]]"));
        if (choices.Count == 0) throw new XunitException($"The card offers no choice '{title}' for '{choiceSetId}'.");
        choices[0].Click();
    }

    public void Dispose()
    {
        try
        {
            _driver?.Quit();
        }
        finally
        {
            _driver?.Dispose();
            try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } // chromium may still be letting go
        }
    }

    /// <summary>How many answers from the bot the conversation shows (an answer in place does not add one).</summary>
    public int BotMessages => Now().BotMessages;

    /// <param name="patience">Longer than the usual 10 s for work that takes seconds by design (a test call rings first).</param>
    public void Until(string description, Func<bool> condition, TimeSpan? patience = null)
    {
        var wait = new WebDriverWait(_driver, patience ?? Patience) { PollingInterval = TimeSpan.FromMilliseconds(100) };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException), typeof(InvalidOperationException));
        try
        {
            wait.Until(_ => condition());
        }
        catch (WebDriverTimeoutException)
        {
            throw new XunitException($"Waited {(patience ?? Patience).TotalSeconds:0} s for {description}.{Environment.NewLine}{Showing()}");
        }
    }

    /// <summary>For failure messages: what a person would have seen.</summary>
    public const string ShowingHeading = "The page showed:";

    public string Showing() =>
        $"{ShowingHeading}{Environment.NewLine}{Text}{Environment.NewLine}The browser's console said:{Environment.NewLine}{Console}";

    private string Console => TryRead(() => string.Join(Environment.NewLine, _driver.Manage().Logs.GetLog(LogType.Browser).Select(e => $"{e.Level}: {e.Message}")));

    /// <summary>The conversation's state in one round trip to the browser, so waits stay quick on a busy machine.</summary>
    private Snapshot Now()
    {
        var state = (IReadOnlyDictionary<string, object?>)_driver.ExecuteScript("""
            const bodies = document.querySelectorAll(".message.bot .body");
            const last = bodies[bodies.length - 1];
            const problems = document.querySelectorAll(".body.problem");
            return {
              ready: document.body.dataset.ready === "true",
              bots: bodies.length,
              answered: !!last && !last.classList.contains("pending"),
              busy: document.querySelector(".message.busy") !== null,
              problem: problems.length ? problems[problems.length - 1].innerText : null,
              last: last ? last.innerText : "",
            };
            """)!;
        return new Snapshot((bool)state["ready"]!, Convert.ToInt32(state["bots"]), (bool)state["answered"]!, (bool)state["busy"]!,
            state["problem"] as string, (string)state["last"]!);
    }

    private void FailOnProblem()
    {
        if (Now().Problem is { } problem) throw new XunitException($"The page showed a problem: {problem}{Environment.NewLine}{Showing()}");
    }

    private sealed record Snapshot(bool Ready, int BotMessages, bool Answered, bool Busy, string? Problem, string LastCard);

    private static string TryRead(Func<string> read)
    {
        try
        {
            return read();
        }
        catch (WebDriverException unreadable)
        {
            return $"(could not read the page: {unreadable.Message})";
        }
    }

    private static string Quote(string text) => text.Contains('\'') ? $"\"{text}\"" : $"'{text}'";
}
