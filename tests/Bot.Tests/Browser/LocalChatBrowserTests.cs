using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Tests.Hosting;
using Xunit.Sdk;

namespace NumbersBot.Bot.Tests.Browser;

public class LocalChatBrowserTests
{
    [SkippableFact]
    public async Task Every_number_action_and_the_two_person_approval_work_in_a_browser()
    {
        BrowserPrerequisites.RequireAvailable();
        // The page loads the renderer from the bot itself, as it does offline or behind a proxy.
        using var bot = new NumbersBotApp();
        bot.UseKestrel(0);
        bot.StartServer();
        var address = bot.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        using var page = new ChatPage(address);

        try
        {
            ChangeASandboxNumber(page);
            TestANumberByTyping(page);
            DeleteALiveNumberWithTwoPeople(page);
        }
        catch (Exception failure) when (!failure.Message.Contains(ChatPage.ShowingHeading, StringComparison.Ordinal))
        {
            throw new XunitException($"{failure.Message}{Environment.NewLine}{page.Showing()}", failure);
        }
    }

    private static void ChangeASandboxNumber(ChatPage page)
    {
        page.Say("numbers");
        foreach (var environment in new[] { "Sandbox", "Pre-release", "Live" })
            Assert.Contains(environment, ChatPage.Section(page.LastCard, environment).Text);

        page.Click(ChatPage.Section(page.LastCard, "Sandbox"), "Add number", expected: "Add a number to Sandbox");
        ChatPage.Input(page.LastCard, "country", "input[@value='US']").Click();
        ChatPage.Input(page.LastCard, "areaCode").SendKeys("415");
        page.Click(page.LastCard, "Add", expected: "Added +1 415-555-");
        var number = Regex.Match(page.LastCard.Text, @"Added (\+1 415-555-01\d\d) to Sandbox").Groups[1].Value;
        Assert.True(number.Length > 0, "The notice names the new number.");
        Assert.Contains(number, ChatPage.Section(page.LastCard, "Sandbox").Text);
        Assert.Contains("Just added", ChatPage.Row(ChatPage.Section(page.LastCard, "Sandbox"), number).Text);

        // Enter in the Find box finds, as in any search box.
        ChatPage.Input(page.LastCard, "filter").SendKeys(number[^4..] + OpenQA.Selenium.Keys.Enter);
        page.Until($"only the numbers that match '{number[^4..]}'", () => page.LastCard.Text.Contains($"Only the numbers that match '{number[^4..]}'"));
        Assert.Contains(number, ChatPage.Section(page.LastCard, "Sandbox").Text);
        Assert.DoesNotContain("+44 7700 900101", page.LastCard.Text);
        page.Click(page.LastCard, "Show all", expected: "+44 7700 900101");

        page.Click(ChatPage.Row(ChatPage.Section(page.LastCard, "Sandbox"), number), "Reassign variant",
            expected: $"Reassign the variant of {number}");
        ChatPage.Choose(page.LastCard, "variant", "London");
        page.Click(page.LastCard, "Assign", expected: $"{number} now uses London");
        Assert.Contains("London", ChatPage.Row(ChatPage.Section(page.LastCard, "Sandbox"), number).Text);

        page.Click(ChatPage.Row(ChatPage.Section(page.LastCard, "Sandbox"), number), "Delete", expected: $"Delete {number}?");
        page.Click(page.LastCard, "Confirm", expected: $"Deleted {number}");
        Assert.DoesNotContain(number, ChatPage.Section(page.LastCard, "Sandbox").Text);
    }

    /// <summary>A typed slow command: its progress card first, then the result in that card's place.</summary>
    private static void TestANumberByTyping(ChatPage page)
    {
        page.Say("test +447700900101");
        var messages = page.BotMessages;
        page.Until("the test call's result in place of its progress card",
            () => page.LastCard.Text.Contains("Test call to +44 7700 900101: answered", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.Equal(messages, page.BotMessages);
        page.Say("numbers");
    }

    private static void DeleteALiveNumberWithTwoPeople(ChatPage page)
    {
        const string number = "+44 7700 900103";
        page.Click(ChatPage.Row(ChatPage.Section(page.LastCard, "Live"), number), "Delete", expected: $"Delete {number}?");
        page.Click(page.LastCard, "Confirm", expected: "needs a second person's approval");
        Assert.Contains("Deletion awaiting approval", ChatPage.Row(ChatPage.Section(page.LastCard, "Live"), number).Text);

        // Alice asked, so she may not decide; the list decides nothing itself: Review opens the request with its recent calls.
        page.Say("approvals");
        Assert.Contains("An admin other than the requester can approve or deny this.", page.LastCard.Text);
        Assert.False(ChatPage.HasButton(page.LastCard, "Approve"), "The approvals list offers Approve.");
        page.BeSomeoneElse("Bob (admin)");
        page.Say("approvals");
        Assert.False(ChatPage.HasButton(page.LastCard, "Approve"), "The approvals list offers Approve.");
        page.Click(page.LastCard, "Review", expected: "in the last 7 days");
        // Approve on a card someone else was shown is refused.
        page.BeSomeoneElse("Alice (admin)");
        page.Click(page.LastCard, "Approve", expected: "someone else must approve");

        page.BeSomeoneElse("Bob (admin)");
        page.Say("approvals");
        page.Click(page.LastCard, "Review", expected: $"Delete Live number {number}?");
        page.Click(page.LastCard, "Approve", expected: "The number is deleted.");

        page.Say("numbers");
        Assert.DoesNotContain(number, ChatPage.Section(page.LastCard, "Live").Text);
        page.Say($"history {number.Replace(" ", "", StringComparison.Ordinal)}");
        Assert.Contains($"History of {number}", page.LastCard.Text);
        Assert.Contains("Alice", page.LastCard.Text);
        Assert.Contains("Bob", page.LastCard.Text);
    }
}
