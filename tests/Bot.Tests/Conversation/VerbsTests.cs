using NumbersBot.Bot.Conversation;

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
}
