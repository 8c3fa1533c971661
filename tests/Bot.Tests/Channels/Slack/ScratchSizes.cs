using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Views;
using NumbersBot.Domain.Access;
using Xunit.Abstractions;

namespace NumbersBot.Bot.Tests.Channels.Slack;

public class ScratchSizes(ITestOutputHelper output)
{
    [Fact]
    public void Print()
    {
        foreach (var n in new[] { 3, 6, 12, 30 })
        {
            var view = NumbersView.From(NumbersCardTests.BigProject(n, Role.Admin));
            var full = BlockKit.Finish(new NumbersBot.Bot.Cards.CardRenderer(Path.Combine(NumbersBot.Bot.Tests.Cards.TemplateCase.RepositoryRoot, "cards")).Render(ViewNames.Numbers, view, NumbersBot.Bot.Cards.CardFormat.BlockKit));
            output.WriteLine($"{n}: canEdit={view.CanEdit} blocks={BlockKit.Blocks(full).Count} chars={BlockKit.Characters(full)}");
        }
        var big = NumbersCardTests.BigProject(10_000, Role.Admin);
        foreach (var env in NumbersBot.Domain.Environments.AgentEnvironments.All)
        {
            var m = SlackBlockKitTests.Messages.Message(new Reply(ViewNames.Numbers, NumbersView.From(big, Notice.Good("Added a number to it all."), env, 3)), env.ToString());
            output.WriteLine($"{env}: blocks={BlockKit.Blocks(m).Count} chars={BlockKit.Characters(m)}");
            if (env == NumbersBot.Domain.Environments.AgentEnvironment.Live) foreach (var b in BlockKit.Blocks(m)) output.WriteLine("B " + b!.ToJsonString(NumbersBot.Bot.Cards.CardRenderer.Json));
        }
    }
}
