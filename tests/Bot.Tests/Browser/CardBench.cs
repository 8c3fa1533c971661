using System.Text.Json.Nodes;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace NumbersBot.Bot.Tests.Browser;

/// <summary>
/// A page in headless chromium that draws cards with the official Adaptive Cards renderer, dressed as the local chat
/// dresses them, at a chosen width, and lists what a person could not read there: text or a button title cut off
/// (its scroll width past its client width, an ellipsis), anything past the card's edge, a word broken across lines.
/// </summary>
internal sealed class CardBench : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("numbersbot-cardbench").FullName;
    private readonly ChromeDriver _driver = null!;

    public CardBench()
    {
        File.Copy(BrowserPrerequisites.AdaptiveCardsScript, Path.Combine(_folder, "adaptivecards.min.js"));
        File.WriteAllText(Path.Combine(_folder, "bench.html"), Page);
        var service = ChromeDriverService.CreateDefaultService(
            Path.GetDirectoryName(BrowserPrerequisites.ChromeDriver)!, Path.GetFileName(BrowserPrerequisites.ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPrerequisites.Chromium };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--hide-scrollbars", "--window-size=1000,4000",
            $"--user-data-dir={Path.Combine(_folder, "profile")}");
        try
        {
            _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(30));
            _driver.Navigate().GoToUrl(new Uri(Path.Combine(_folder, "bench.html")).AbsoluteUri);
            if (_driver.ExecuteScript("return typeof AdaptiveCards") as string != "object")
                throw new InvalidOperationException("The Adaptive Cards renderer did not load on the bench page.");
        }
        catch
        {
            Dispose(); // chromium must not outlive the test
            throw;
        }
    }

    /// <summary>
    /// Draws the card <paramref name="width"/> px wide, then again with each Action.ShowCard and overflow menu open, and
    /// returns what was unreadable. The first drawing is saved as a PNG at <paramref name="screenshot"/>.
    /// </summary>
    public IReadOnlyList<string> Problems(JsonNode card, int width, string screenshot)
    {
        var rendered = _driver.ExecuteScript("return bench.render(arguments[0], arguments[1]);", card.ToJsonString(), width) as string;
        if (rendered is not null) return [$"the renderer could not draw it: {rendered}"];
        var host = _driver.FindElement(By.Id("host"));
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        ((ITakesScreenshot)host).GetScreenshot().SaveAsFile(screenshot);
        var found = _driver.ExecuteScript("return bench.problemsEverywhere();") as IReadOnlyCollection<object>;
        return found?.Select(p => p.ToString()!).Distinct().ToList() ?? ["the bench page returned no answer"];
    }

    /// <summary>What a person reads on the card drawn <paramref name="width"/> px wide.</summary>
    public string VisibleText(JsonNode card, int width)
    {
        var rendered = _driver.ExecuteScript("return bench.render(arguments[0], arguments[1]);", card.ToJsonString(), width) as string;
        if (rendered is not null) throw new InvalidOperationException($"The renderer could not draw it: {rendered}");
        return _driver.ExecuteScript("return document.getElementById('card').innerText;") as string ?? "";
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
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } // chromium may still be letting go
        }
    }

    /// <summary>The chat page's own markdown function, taken from chat.js, so the bench draws markdown exactly as the chat does.</summary>
    private static string ChatMarkdown =>
        System.Text.RegularExpressions.Regex.Match(NumbersBot.Bot.Channels.Local.ChatPage.Script, @"function markdown\(source\) \{.*?\n  \}",
            System.Text.RegularExpressions.RegexOptions.Singleline) is { Success: true } found
            ? found.Value
            : throw new InvalidOperationException("chat.js has no function markdown(source) for the bench to draw markdown with.");

    private static string Page => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>card bench</title>
        <style>{{NumbersBot.Bot.Channels.Local.ChatPage.Style}}
        body { display: block; background: #eef1f5; }
        #host { margin: 0; padding: 0; max-width: none; }
        </style>
        <script src="adaptivecards.min.js"></script>
        <script>
        {{ChatMarkdown}}
        // Markdown drawn as the chat draws it (Teams and Slack render it too), so "**" is never measured as text.
        AdaptiveCards.AdaptiveCard.onProcessMarkdown = (source, result) => { result.outputHtml = markdown(source); result.didProcess = true; };
        </script>
        </head><body><div id="host" class="message bot"><div class="body" id="card"></div></div>
        <script>{{Script}}</script></body></html>
        """;

    private const string Script = """
        const bench = {
          render(json, width) {
            const host = document.getElementById("host");
            const body = document.getElementById("card");
            host.style.width = width + "px";
            body.replaceChildren();
            const card = new AdaptiveCards.AdaptiveCard();
            card.parse(JSON.parse(json));
            const element = card.render();
            if (!element) return "nothing drawn";
            body.appendChild(element);
            return null;
          },

          // Problems with the card as drawn, then with each show card and overflow menu opened in turn.
          problemsEverywhere() {
            const body = document.getElementById("card");
            const found = bench.problems(body, "");
            const toggles = [...body.querySelectorAll("button[aria-expanded]")];
            for (const toggle of toggles) {
              if (toggle.getClientRects().length === 0) continue;
              const label = toggle.getAttribute("aria-label") || toggle.innerText.trim() || "…";
              toggle.click();
              const popups = [...document.querySelectorAll(".ac-ctrl-popup-container")];
              for (const popup of popups) found.push(...bench.problems(popup, ` (in the menu of '${label}')`, popup));
              found.push(...bench.problems(body, ` (with '${label}' open)`));
              if (popups.length) document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", keyCode: 27, bubbles: true }));
              for (const popup of document.querySelectorAll(".ac-ctrl-overlay")) popup.click();
              if (toggle.getAttribute("aria-expanded") === "true") toggle.click();
            }
            return found;
          },

          problems(root, where, frame) {
            const found = [];
            const edge = (frame || document.getElementById("card")).getBoundingClientRect();
            const name = el => (el.getAttribute("aria-label") || el.innerText || el.value || el.className || el.tagName).trim().replace(/\s+/g, " ").slice(0, 70);
            for (const el of root.querySelectorAll("*")) {
              if (el.getClientRects().length === 0) continue;
              if (el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA" || el.tagName === "OPTION") continue;
              const style = getComputedStyle(el);
              if (style.visibility === "hidden") continue;
              const hasText = (el.innerText || "").trim().length > 0;
              if (!hasText) continue;
              if (style.overflowX !== "visible" && el.scrollWidth > el.clientWidth + 1)
                found.push(`cut off${where}: '${name(el)}' needs ${el.scrollWidth} px, has ${el.clientWidth} px`);
              const box = el.getBoundingClientRect();
              if (box.width > 0 && (box.right > edge.right + 1 || box.left < edge.left - 1))
                found.push(`past the card's edge${where}: '${name(el)}'`);
            }
            // A word (or the part of one up to a hyphen) that would fit on a line of its own but is split over two reads as cut off.
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const parent = node.parentElement;
              if (!parent || parent.getClientRects().length === 0 || parent.closest("select, option")) continue;
              for (const match of node.data.matchAll(/[^\s\-–]+[\-–]?/g)) {
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (tops.size < 2) continue;
                const measure = document.createElement("span");
                measure.style.cssText = "position:absolute;white-space:nowrap;visibility:hidden;font:" + getComputedStyle(parent).font;
                measure.textContent = match[0];
                document.body.appendChild(measure);
                const needed = measure.getBoundingClientRect().width;
                measure.remove();
                if (needed < edge.width - 40) found.push(`word broken over lines${where}: '${match[0]}' in '${name(parent)}'`);
              }
            }
            return found;
          },
        };
        """;
}
