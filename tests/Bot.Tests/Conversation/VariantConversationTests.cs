using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain.Environments;
using static NumbersBot.Bot.Tests.Conversation.ConversationBot;

namespace NumbersBot.Bot.Tests.Conversation;

public class VariantConversationTests
{
    [Fact]
    public async Task Typing_variants_shows_the_drafts_and_what_runs_where()
    {
        using var bot = new ConversationBot();

        var card = await bot.ModelAsync<VariantsView>(bot.TypeAsync(Alice, "variants Demo Agent"), ViewNames.Variants);

        Assert.Equal(["London · on Sandbox", "Manchester · on Sandbox", "Leeds · not published yet"], card.Drafts.Select(d => $"{d.Name} · {d.Status}"));
        Assert.Equal(["PreRelease", "Live", null], card.Environments.Select(e => e.PromoteTo));
        Assert.Equal("Publish the project", Assert.Single(card.Callouts).Action);
    }

    [Fact]
    public async Task Read_only_people_see_variants_and_callouts_without_buttons()
    {
        using var bot = new ConversationBot();

        var variants = await bot.ModelAsync<VariantsView>(bot.TypeAsync(Dave, "variants"), ViewNames.Variants);
        var numbers = await bot.ModelAsync<NumbersView>(bot.TypeAsync(Carol, "numbers"), ViewNames.Numbers);

        Assert.False(variants.CanEdit);
        Assert.All(variants.Environments, e => Assert.Null(e.PromoteTo));
        Assert.Null(Assert.Single(variants.Callouts).Action);
        Assert.Equal("New variant added", Assert.Single(numbers.Callouts).Title);
        Assert.Null(numbers.Callouts[0].Action);
    }

    [Fact]
    public async Task The_callouts_button_publishes_and_the_numbers_card_comes_back_without_the_callout()
    {
        using var bot = new ConversationBot();
        var before = await bot.ModelAsync<NumbersView>(bot.TypeAsync(Alice, "numbers"), ViewNames.Numbers);
        Assert.Equal("Publish the project", Assert.Single(before.Callouts).Action);

        var after = await bot.ModelAsync<NumbersView>(bot.ClickAsync(Alice, Verbs.Publish, (Keys.Project, "demo"), (Keys.From, "numbers")), ViewNames.Numbers);

        Assert.Empty(after.Callouts);
        Assert.Equal("Published version 2 to Sandbox: London, Manchester, Leeds.", after.Notice!.Text);
        Assert.Contains("Leeds", after.Environments[0].Variants.Select(v => v.Name));
    }

    [Fact]
    public async Task Creating_renaming_and_deleting_drafts_through_the_forms()
    {
        using var bot = new ConversationBot();
        var form = await bot.ModelAsync<VariantFormView>(bot.ClickAsync(Alice, Verbs.CreateVariantForm, (Keys.Project, "demo")), ViewNames.VariantForm);
        Assert.Null(form.Variant);

        var created = await bot.ModelAsync<VariantsView>(bot.ClickAsync(Alice, Verbs.CreateVariant, (Keys.Project, "demo"), (Keys.Name, "Bristol")), ViewNames.Variants);
        var bristol = created.Drafts.Single(d => d.Name == "Bristol");
        var rename = await bot.ModelAsync<VariantFormView>(bot.ClickAsync(Alice, Verbs.RenameVariantForm, (Keys.Project, "demo"), (Keys.Variant, bristol.Id)), ViewNames.VariantForm);
        var renamed = await bot.ModelAsync<VariantsView>(bot.ClickAsync(Alice, Verbs.RenameVariant, (Keys.Project, "demo"), (Keys.Variant, bristol.Id), (Keys.Name, "Bath")), ViewNames.Variants);
        var deleted = await bot.ModelAsync<VariantsView>(bot.ClickAsync(Alice, Verbs.DeleteVariant, (Keys.Project, "demo"), (Keys.Variant, bristol.Id)), ViewNames.Variants);

        Assert.Equal("Added the draft variant Bristol. Publish to put it on Sandbox.", created.Notice!.Text);
        Assert.Equal(("Bristol", "Bristol"), (rename.Variant!.Name, rename.Name));
        Assert.Equal("Renamed the draft variant Bristol to Bath. Publish to put the new name on Sandbox.", renamed.Notice!.Text);
        Assert.Equal("Deleted the draft variant Bath. Numbers keep it until you publish.", deleted.Notice!.Text);
        Assert.Equal(["London", "Manchester", "Leeds"], deleted.Drafts.Select(d => d.Name));
    }

    [Fact]
    public async Task A_taken_name_comes_back_to_the_form_with_the_reason()
    {
        using var bot = new ConversationBot();

        var form = await bot.ModelAsync<VariantFormView>(bot.ClickAsync(Alice, Verbs.CreateVariant, (Keys.Project, "demo"), (Keys.Name, "london")), ViewNames.VariantForm);

        Assert.Equal(("london", "A variant named 'london' already exists in this project; variant names are unique."), (form.Name, form.Error));
    }

    [Fact]
    public async Task Changing_variants_without_Variants_Edit_is_refused_naming_the_admins()
    {
        using var bot = new ConversationBot();

        var refused = await bot.ModelAsync<ErrorView>(bot.ClickAsync(Carol, Verbs.CreateVariant, (Keys.Project, "demo"), (Keys.Name, "Bristol")), ViewNames.Error);
        var typed = await bot.ModelAsync<ErrorView>(bot.TypeAsync(Carol, "publish"), ViewNames.Error);
        var variants = await bot.ModelAsync<VariantsView>(bot.TypeAsync(Carol, "variants"), ViewNames.Variants);

        Assert.Equal("Not allowed", typed.Title);
        Assert.EndsWith("Ask a NumbersBot admin to grant it: Alice (admin) or Bob (admin).", typed.Message);
        Assert.Contains("to change variants you need Edit access", refused.Message);
        Assert.DoesNotContain(variants.Drafts, d => d.Name == "Bristol");
        Assert.Equal(["Version 1: London, Manchester"], variants.Environments.Select(e => e.Version).Distinct());
    }

    [Fact]
    public async Task Promoting_to_Pre_release_happens_at_once()
    {
        using var bot = new ConversationBot();
        await bot.TypeAsync(Alice, "publish");

        var card = await bot.ModelAsync<VariantsView>(bot.TypeAsync(Alice, "promote Demo Agent pre-release"), ViewNames.Variants);

        Assert.Equal("Version 2 (London, Manchester, Leeds) now runs on Pre-release.", card.Notice!.Text);
        Assert.Equal("Version 2: London, Manchester, Leeds", card.Environments[1].Version);
    }

    [Fact]
    public async Task Promoting_to_Live_asks_first_and_says_which_numbers_it_affects()
    {
        using var bot = new ConversationBot();
        await bot.ClickAsync(Alice, Verbs.DeleteVariant, (Keys.Project, "demo"), (Keys.Variant, "Manchester"));
        await bot.TypeAsync(Alice, "publish");
        await bot.TypeAsync(Alice, "promote pre release");

        var confirm = await bot.ModelAsync<ConfirmPromoteView>(bot.TypeAsync(Alice, "promote live"), ViewNames.ConfirmPromote);
        var unchanged = await bot.ModelAsync<VariantsView>(bot.TypeAsync(Alice, "variants"), ViewNames.Variants);
        var promoted = await bot.ModelAsync<VariantsView>(bot.ClickAsync(Alice, Verbs.PromoteConfirmed, (Keys.Project, "demo"), (Keys.Environment, "Live")),
            ViewNames.Variants);

        Assert.Equal(("Version 2: London, Leeds", "Version 1: London, Manchester"), (confirm.Version, confirm.Replaces));
        Assert.Equal(["+1 415-555-0102 Manchester False", "+44 7700 900103 London True"],
            confirm.Numbers.Select(n => $"{n.Display} {n.Variant} {n.KeepsVariant}"));
        Assert.Equal("+1 415-555-0102 uses a variant this version no longer has.", confirm.Warning);
        Assert.Equal("Version 1: London, Manchester", unchanged.Environments[2].Version);
        Assert.Equal("Version 2: London, Leeds", promoted.Environments[2].Version);
    }

    [Fact]
    public async Task With_several_projects_the_one_chosen_in_the_conversation_is_meant()
    {
        using var bot = new ConversationBot();
        await bot.TypeAsync(Alice, "project new Acme Voice");

        var which = await bot.ModelAsync<ErrorView>(bot.TypeAsync(Alice, "variants"), ViewNames.Error);
        await bot.ClickAsync(Alice, Verbs.ChooseProject, (Keys.Project, "demo"));
        var chosen = await bot.ModelAsync<VariantsView>(bot.TypeAsync(Alice, "variants"), ViewNames.Variants);
        var published = await bot.ModelAsync<VariantsView>(bot.TypeAsync(Alice, "publish"), ViewNames.Variants);
        var named = await bot.ModelAsync<VariantsView>(bot.TypeAsync(Alice, "variants Acme Voice"), ViewNames.Variants);

        Assert.StartsWith("Which project? Add its name, as in `variants ", which.Message);
        Assert.Equal("Demo Agent", chosen.Project.Name);
        Assert.Equal(("Demo Agent", "Published version 2 to Sandbox: London, Manchester, Leeds."), (published.Project.Name, published.Notice!.Text));
        Assert.Equal(("Acme Voice", 0), (named.Project.Name, named.DraftCount));
    }

    [Fact]
    public async Task Promote_without_an_environment_says_how()
    {
        using var bot = new ConversationBot();

        var error = await bot.ModelAsync<ErrorView>(bot.TypeAsync(Alice, "promote"), ViewNames.Error);

        Assert.Equal("Say where to promote to: `promote [project] Pre-release` or `promote [project] Live`.", error.Message);
    }

    [Theory]
    [InlineData("promote live", null, AgentEnvironment.Live)]
    [InlineData("promote Acme Voice pre-release", "Acme Voice", AgentEnvironment.PreRelease)]
    [InlineData("promote Acme Voice pre release", "Acme Voice", AgentEnvironment.PreRelease)]
    public void Promote_takes_the_environment_from_the_end(string text, string? project, AgentEnvironment environment)
    {
        var request = TextCommands.Request(Alice, text);

        Assert.Equal((Verbs.Promote, project, environment), (request.Verb, VariantVerbs.Target(request).Project, VariantVerbs.Target(request).To));
    }
}
