using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Cards;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Tests.Views;

public class NumbersCardTests
{
    private static readonly CardRenderer Renderer = new(Path.Combine(TemplateCase.RepositoryRoot, "cards"));

    /// <summary>Teams takes bot messages up to 100 KB (shared/notes/teams.md); half of that leaves room for what a page grows.</summary>
    [Fact]
    public void Every_page_of_a_project_with_10000_numbers_stays_under_48_KB()
    {
        var page = BigProject(10_000, Role.Admin);
        foreach (var environment in AgentEnvironments.All)
        {
            var first = NumbersView.From(page, null, environment, 0);
            var pages = first.Environments.Single(e => e.Name == environment.DisplayName()).Pages;
            foreach (var index in new[] { 0, pages / 2, pages - 1 })
            {
                var card = Render(NumbersView.From(page, null, environment, index));
                Assert.True(Encoding.UTF8.GetByteCount(card) < 48 * 1024, $"{environment} page {index}: {Encoding.UTF8.GetByteCount(card)} bytes");
            }
        }
    }

    [Fact]
    public void A_long_environment_is_paginated_with_next_and_previous_buttons()
    {
        var view = NumbersView.From(BigProject(100, Role.Admin), null, AgentEnvironment.Sandbox, 1);
        var sandbox = view.Environments[0];

        Assert.Equal(NumbersView.PageSize, sandbox.Numbers.Count);
        Assert.Equal("Numbers 11–20 of 34", sandbox.PageLabel);
        var card = Render(view);
        Assert.Contains("\"Next page\"", card);
        Assert.Contains("\"Previous page\"", card);
    }

    [Fact]
    public void A_read_only_viewer_gets_no_buttons_that_change_numbers()
    {
        var card = Render(NumbersView.From(BigProject(5, Role.Member)));

        Assert.DoesNotContain(Verbs.Delete, card);
        Assert.DoesNotContain(Verbs.ReassignForm, card);
        Assert.DoesNotContain(Verbs.AddNumberForm, card);
        Assert.Contains("+44 7700 900000", card);
    }

    [Fact]
    public void The_variant_is_not_mentioned_when_the_project_has_no_variants()
    {
        var withVariants = Render(NumbersView.From(BigProject(3, Role.Admin)));
        var without = Render(NumbersView.From(BigProject(3, Role.Admin, variants: false)));

        Assert.Contains(" · variant ", withVariants);
        Assert.DoesNotContain(" · variant ", without);
        Assert.DoesNotContain(Verbs.ReassignForm, without);
    }

    [Fact]
    public void The_live_delete_confirmation_carries_the_warning_word_for_word()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(TemplateCase.RepositoryRoot, "cards", "samples", "confirm-delete.live.json")))!;
        var card = Renderer.Render(ViewNames.ConfirmDelete, sample.Deserialize<ConfirmDeleteView>(CardRenderer.Json)!, CardFormat.Adaptive).ToJsonString();

        Assert.Contains(DeleteNumberHandler.LiveWarning, card);
        Assert.Contains("\"Confirm\"", card);
        Assert.Contains("\"Cancel\"", card);
    }

    [Theory]
    [InlineData(Reachability.Routing, null, "Routing…")]
    [InlineData(Reachability.Unreachable, "Twilio could not attach it (Twilio error 21412).", "Not reachable: Twilio could not attach it (Twilio error 21412).")]
    [InlineData(Reachability.Removing, null, "Being removed…")]
    public void A_number_not_confirmed_routed_says_so_on_both_cards(Reachability reachability, string? problem, string shown)
    {
        var page = BigProject(1, Role.Admin);
        var sandbox = page.Environments[0];
        var row = sandbox.Numbers[0] with { Reachability = reachability, Problem = problem };
        page = page with { Environments = [sandbox with { Numbers = [row] }, .. page.Environments.Skip(1)] };

        Assert.Contains(shown, Render(NumbersView.From(page)));
        Assert.Contains($":warning: {shown}", Renderer.Render(ViewNames.Numbers, NumbersView.From(page), CardFormat.BlockKit).ToJsonString(CardRenderer.Json));
    }

    [Fact]
    public void A_routed_number_shows_no_routing_note()
    {
        var view = NumbersView.From(BigProject(1, Role.Admin));

        Assert.False(view.Environments[0].Numbers[0].NotRouted);
        Assert.DoesNotContain("reachable", Render(view));
    }

    private static string Render(NumbersView view) => Renderer.Render(ViewNames.Numbers, view, CardFormat.Adaptive).ToJsonString(CardRenderer.Json);

    /// <summary>A project whose numbers are spread over the three environments, as the handler would return it.</summary>
    internal static NumbersPage BigProject(int count, Role role, bool variants = true)
    {
        var sip = AgentEnvironments.All.ToDictionary(e => e, e => new SipAddresses($"sip:{e}@big.example.com", $"sip:{e}-fallback@big.example.com"));
        var project = new Project("big", "Big Project", TelephonyIntegration.PlatformPool, sip);
        var london = new Variant("v1", "London");
        var rows = Enumerable.Range(0, count).Select(i => (Environment: AgentEnvironments.All[i % 3], Row: new NumberRow(
            Guid.NewGuid(), PhoneNumber.ParseE164($"+447700900{i % 1000:D3}"), NumberSource.Platform, true,
            variants ? "London" : null, 3, null))).ToList();
        var sections = AgentEnvironments.All.Select(e => new EnvironmentNumbers(e, sip[e],
            rows.Where(r => r.Environment == e).Select(r => r.Row).ToList(), variants ? [london] : [])).ToList();
        var viewer = new UserAccess(UserRef.Local("viewer"), "Viewer", role, AccessLevel.Read, AccessLevel.Read);
        return new NumbersPage(project, variants, [], sections, viewer);
    }
}
