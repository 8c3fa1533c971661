using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Tests.Conversation;

public class TextCommandTests
{
    [Theory]
    [InlineData("projects", Verbs.ShowProjects, null, null)]
    [InlineData("project new Acme Voice", Verbs.CreateProject, Keys.Name, "Acme Voice")]
    [InlineData("Project  Acme Voice", Verbs.ShowProject, Keys.Project, "Acme Voice")]
    [InlineData("history project Acme Voice", Verbs.ProjectHistory, Keys.Project, "Acme Voice")]
    [InlineData("history access", Verbs.AccessHistory, null, null)]
    [InlineData("history +14155550101", Verbs.ShowHistory, Keys.Number, "+14155550101")]
    public void Two_word_commands_are_tried_before_one_word_ones(string text, string verb, string? key, string? value)
    {
        var (parsed, data) = TextCommands.Parse(text);

        Assert.Equal(verb, parsed);
        if (key is not null) Assert.Equal(value, data[key]);
    }
}
