using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Hosting;

namespace NumbersBot.Bot.Tests.Conversation;

public class VerbsTests
{
    [Theory]
    [InlineData(Verbs.AddNumber)]
    [InlineData(Verbs.ConnectNumber)]
    [InlineData(Verbs.Reassign)]
    [InlineData(Verbs.DeleteConfirmed)]
    [InlineData(Verbs.Approve)]
    [InlineData(Verbs.Deny)]
    [InlineData("some.verb.from.a.newer.card")]
    public void A_verb_that_changes_something_must_not_run_twice(string verb) => Assert.True(Verbs.ChangesState(verb));

    [Theory]
    [InlineData(Verbs.ShowNumbers)]
    [InlineData(Verbs.ShowApprovals)]
    [InlineData(Verbs.ShowHistory)]
    [InlineData(Verbs.Help)]
    [InlineData(Verbs.AddNumberForm)]
    [InlineData(Verbs.ReassignForm)]
    [InlineData(Verbs.Delete)] // only asks for confirmation
    public void A_verb_that_only_reads_may_run_again(string verb) => Assert.False(Verbs.ChangesState(verb));

    [Fact]
    public void Every_declared_verb_has_one_declaration() =>
        Assert.Equal(Verbs.Declared.Count, Verbs.All.Count);

    [Fact]
    public void Only_verbs_that_change_something_may_be_slow() =>
        Assert.All(Verbs.Declared.Where(v => v.Slow), v => Assert.True(v.ChangesState && v.Progress is not null, $"{v.Name} is slow"));

    [Fact]
    public async Task Every_declared_verbs_handler_is_there_to_run()
    {
        using var app = new NumbersBotApp();
        app.CreateClient();
        await using var scope = app.Services.CreateAsyncScope();
        Assert.All(Verbs.Declared, v => Assert.NotNull(scope.ServiceProvider.GetService(v.Group)));
    }

    [Fact]
    public void Each_declared_word_types_its_verb_and_the_rest_of_the_line_is_its_argument()
    {
        foreach (var verb in Verbs.Declared)
            foreach (var word in verb.Words)
            {
                var (parsed, data) = TextCommands.Parse($"{word.ToUpperInvariant()} some thing");
                Assert.Equal(verb.Name, parsed);
                if (verb.Argument is { } key) Assert.Equal("some thing", data[key]);
            }
    }

    [Fact]
    public void The_help_card_lists_the_declared_help_lines_in_order() =>
        Assert.Equal(Verbs.Declared.Where(v => v.Help is not null).Select(v => v.Help!.Usage), HelpView.For(null).Commands.Select(c => c.Usage));

    [Fact]
    public void A_view_a_verb_refreshes_is_refreshed_by_that_verb()
    {
        Assert.Equal(Verbs.ShowNumbers, Verbs.RefreshFor(ViewNames.Numbers)!.Name);
        Assert.Equal(Verbs.ShowApprovals, Verbs.RefreshFor(ViewNames.Approvals)!.Name);
        Assert.Null(Verbs.RefreshFor(ViewNames.AddNumberForm));
    }
}
