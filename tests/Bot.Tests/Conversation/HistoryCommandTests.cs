using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using static NumbersBot.Bot.Tests.Conversation.ConversationBot;

namespace NumbersBot.Bot.Tests.Conversation;

/// <summary>`history` typed without a number answers about the project meant, never about an "out of date card".</summary>
public class HistoryCommandTests
{
    [Theory]
    [InlineData("history")]
    [InlineData("history project")]
    public async Task Plain_history_with_one_project_shows_that_projects_history(string typed)
    {
        using var bot = new ConversationBot();

        var history = await bot.ModelAsync<HistoryView>(bot.TypeAsync(Dave, typed), ViewNames.History);

        Assert.Equal("History of Demo Agent", history.Title);
    }

    [Fact]
    public async Task Plain_history_with_several_projects_and_none_chosen_says_how_to_ask()
    {
        using var bot = new ConversationBot();
        await bot.TypeAsync(Alice, "project new Acme Voice");

        var error = await bot.ModelAsync<ErrorView>(bot.TypeAsync(Dave, "history"), ViewNames.Error);

        Assert.Equal("Which history?", error.Title);
        Assert.Equal("Name a number or a project: `history +447700900123`, or `history project <name>` for one of Acme Voice, Demo Agent.", error.Message);
        Assert.DoesNotContain("out of date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_history_follows_the_project_chosen_in_the_conversation()
    {
        using var bot = new ConversationBot();
        await bot.TypeAsync(Alice, "project new Acme Voice");
        await bot.ClickAsync(Dave, Verbs.ChooseProject, (Keys.Project, "Acme Voice"));

        var history = await bot.ModelAsync<HistoryView>(bot.TypeAsync(Dave, "history"), ViewNames.History);

        Assert.Equal("History of Acme Voice", history.Title);
    }

    [Fact]
    public async Task History_of_a_number_is_still_the_numbers()
    {
        using var bot = new ConversationBot();

        var history = await bot.ModelAsync<HistoryView>(bot.TypeAsync(Dave, "history +447700900101"), ViewNames.History);

        Assert.StartsWith("History of +44", history.Title, StringComparison.Ordinal);
    }
}
