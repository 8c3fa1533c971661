using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Hosting;
using NumbersBot.Bot.Tests.Conversation;
using NumbersBot.Domain.Access;
using Xunit.Abstractions;
using static NumbersBot.Bot.Tests.Conversation.ConversationBot;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>
/// What each verb costs in SQL queries (statements that read) on the demo bot (SQLite), counted through the NumbersBot
/// meter for this test's own calls only: the first numbers page of a named project at most 2, every other verb at most 3.
/// Writes are counted and printed beside them but not capped: work is written down before it runs (STYLE.md).
/// </summary>
public sealed class VerbQueryCeilingTests(ITestOutputHelper output)
{
    private const int FirstNumbersPage = 2;
    private const int AnyOtherVerb = 3;

    [Fact]
    public async Task Every_verb_stays_within_its_statement_ceiling()
    {
        using var bot = new ConversationBot();
        var costs = new List<(string Verb, string Case, long Queries, long Writes, int Ceiling)>();
        using var listener = StatementCounter.Listen();

        async Task<Reply> Click(string @case, Actor actor, string verb, params (string Key, string? Value)[] data)
        {
            var (reply, queries, writes) = await StatementCounter.CountAsync(() => bot.ClickAsync(actor, verb, data));
            costs.Add((verb, @case, queries, writes, Ceiling(verb, @case)));
            return reply;
        }

        async Task<Reply> Type(string @case, Actor actor, string text)
        {
            var (reply, queries, writes) = await StatementCounter.CountAsync(() => bot.TypeAsync(actor, text));
            var verb = reply.View == ViewNames.Error ? "?" : TextCommands.Request(actor, text).Verb;
            costs.Add((verb, @case, queries, writes, Ceiling(verb, @case)));
            return reply;
        }

        const string demo = "demo";
        var numbers = Assert.IsType<NumbersView>((await Click("first page", Alice, Verbs.ShowNumbers, (Keys.Project, demo))).Model);
        await Click("first page, read-only", Dave, Verbs.ShowNumbers, (Keys.Project, demo));
        await Click("next page", Alice, Verbs.ShowNumbers, (Keys.Project, demo), (Keys.Environment, "Sandbox"), (Keys.Page, "1"));
        await Click("search digits", Alice, Verbs.ShowNumbers, (Keys.Project, demo), (Keys.Filter, "7700 9001"));
        await Click("search variant", Alice, Verbs.ShowNumbers, (Keys.Project, demo), (Keys.Filter, "London"));
        await Type("first page typed, one project", Carol, "numbers");
        await Type("typed with a project", Carol, "numbers Demo Agent");
        var sandbox = numbers.Environments.Single(e => e.Key == "Sandbox").Numbers[0];
        var live = numbers.Environments.Single(e => e.Key == "Live").Numbers[0];
        await Click("form", Alice, Verbs.AddNumberForm, (Keys.Project, demo), (Keys.Environment, "Sandbox"));
        await Click("bought", Alice, Verbs.AddNumber, (Keys.Project, demo), (Keys.Environment, "Sandbox"), (Keys.Country, "GB"),
            (Keys.RequestKey, "q-1"));
        await Click("to Live asks first", Alice, Verbs.AddNumber, (Keys.Project, demo), (Keys.Environment, "Live"), (Keys.Country, "GB"),
            (Keys.RequestKey, "q-2"));
        await Click("bought for Live", Alice, Verbs.AddNumberConfirmed, (Keys.Project, demo), (Keys.Environment, "Live"), (Keys.Country, "GB"),
            (Keys.RequestKey, "q-3"));
        await Click("answered", Carol, Verbs.TestCall, (Keys.Project, demo), (Keys.Number, "+447700900101"));
        await Click("connected", Alice, Verbs.ConnectNumber, (Keys.Project, demo), (Keys.Environment, "Sandbox"), (Keys.Number, "+14155550123"));
        await Click("form", Alice, Verbs.ReassignForm, (Keys.Project, demo), (Keys.NumberId, sandbox.Id), (Keys.Version, sandbox.Version.ToString()));
        await Click("reassigned", Alice, Verbs.Reassign, (Keys.Project, demo), (Keys.NumberId, sandbox.Id), (Keys.Version, sandbox.Version.ToString()),
            (Keys.Variant, "Manchester"));
        await Click("Live asks first", Alice, Verbs.Reassign, (Keys.Project, demo), (Keys.NumberId, live.Id), (Keys.Version, live.Version.ToString()),
            (Keys.Variant, "Manchester"));
        await Click("stale version", Alice, Verbs.ReassignConfirmed, (Keys.Project, demo), (Keys.NumberId, live.Id), (Keys.Version, "99"),
            (Keys.Variant, "Manchester"));
        await Click("asks", Alice, Verbs.Delete, (Keys.Project, demo), (Keys.NumberId, live.Id), (Keys.Version, live.Version.ToString()));
        var asked = Assert.IsType<NumbersView>((await Click("needs approval", Alice, Verbs.DeleteConfirmed, (Keys.Project, demo),
            (Keys.NumberId, live.Id), (Keys.Version, live.Version.ToString()))).Model);
        var approvalId = asked.Environments.Single(e => e.Key == "Live").Numbers.Single(n => n.Id == live.Id).PendingApprovalId;
        await Click("list", Bob, Verbs.ShowApprovals);
        await Click("one", Bob, Verbs.ShowApproval, (Keys.ApprovalId, approvalId));
        await Click("denied", Bob, Verbs.Deny, (Keys.ApprovalId, approvalId), (Keys.Reason, "Printed on flyers"));
        await Click("after a decision", Alice, Verbs.Withdraw, (Keys.ApprovalId, approvalId));
        await Click("nothing to retry", Bob, Verbs.RetryRelease, (Keys.ApprovalId, approvalId));
        await Click("after a decision", Bob, Verbs.Approve, (Keys.ApprovalId, approvalId));
        await Click("number", Dave, Verbs.ShowHistory, (Keys.Number, sandbox.E164));
        await Click("project", Alice, Verbs.ProjectHistory, (Keys.Project, demo));
        await Click("access", Alice, Verbs.AccessHistory);
        await Click("list", Dave, Verbs.ShowProjects);
        await Click("one", Alice, Verbs.ShowProject, (Keys.Project, demo));
        await Click("form", Alice, Verbs.NewProjectForm);
        await Click("created", Alice, Verbs.CreateProject, (Keys.Name, "Second Agent"));
        await Click("form", Alice, Verbs.EditProjectForm, (Keys.Project, demo));
        await Click("renamed", Alice, Verbs.UpdateProject, (Keys.Project, demo), (Keys.Name, "Demo Agent 2"));
        await Click("form", Alice, Verbs.SipForm, (Keys.Project, demo), (Keys.Environment, "Sandbox"));
        await Click("set", Alice, Verbs.SetSip, (Keys.Project, demo), (Keys.Environment, "Sandbox"),
            (Keys.Main, "sip:new@demo.voice.example.com"), (Keys.Fallback, "sip:new-fallback@demo.voice.example.com"));
        await Click("chosen", Carol, Verbs.ChooseProject, (Keys.Project, demo));
        await Click("list", Alice, Verbs.ShowAccess);
        await Click("form", Alice, Verbs.AccessForm, (Keys.User, "local:carol"));
        await Click("granted", Alice, Verbs.GrantAccess, (Keys.UserTyped, "erin"), (Keys.Role, "Member"), (Keys.NumbersAccess, "Read"),
            (Keys.VariantsAccess, "Read"));
        await Click("revoked", Bob, Verbs.RevokeAccess, (Keys.User, "local:erin"));
        var variants = Assert.IsType<VariantsView>((await Click("list", Alice, Verbs.ShowVariants, (Keys.Project, demo))).Model);
        await Click("form", Alice, Verbs.CreateVariantForm, (Keys.Project, demo));
        var created = Assert.IsType<VariantsView>((await Click("created", Alice, Verbs.CreateVariant, (Keys.Project, demo), (Keys.Name, "Bristol"))).Model);
        var bristol = created.Drafts.Single(d => d.Name == "Bristol");
        await Click("form", Alice, Verbs.RenameVariantForm, (Keys.Project, demo), (Keys.Variant, bristol.Id));
        await Click("renamed", Alice, Verbs.RenameVariant, (Keys.Project, demo), (Keys.Variant, bristol.Id), (Keys.Name, "Bath"));
        await Click("deleted", Alice, Verbs.DeleteVariant, (Keys.Project, demo), (Keys.Variant, bristol.Id));
        await Click("published", Alice, Verbs.Publish, (Keys.Project, demo));
        await Click("to Pre-release", Alice, Verbs.Promote, (Keys.Project, demo), (Keys.Environment, "PreRelease"));
        await Click("Live asks first", Alice, Verbs.Promote, (Keys.Project, demo), (Keys.Environment, "Live"));
        await Click("to Live", Alice, Verbs.PromoteConfirmed, (Keys.Project, demo), (Keys.Environment, "Live"));
        await Click("archived", Alice, Verbs.ArchiveProject, (Keys.Project, demo));
        await Click("card", Dave, Verbs.Help);
        Assert.NotEmpty(variants.Drafts);

        foreach (var cost in costs) output.WriteLine($"{cost.Verb,-24} {cost.Case,-22} {cost.Queries,3} queries (at most {cost.Ceiling}), {cost.Writes,3} writes");
        Assert.Empty(Verbs.All.Except(costs.Select(c => c.Verb)));
        var over = costs.Where(c => c.Queries > c.Ceiling).Select(c => $"{c.Verb} ({c.Case}): {c.Queries} queries > {c.Ceiling}").ToList();
        Assert.True(over.Count == 0, "Over the ceiling:\n" + string.Join("\n", over));
    }

    private static int Ceiling(string verb, string @case) => @case.StartsWith("first page", StringComparison.Ordinal) ? FirstNumbersPage : AnyOtherVerb;
}
