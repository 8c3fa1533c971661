using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using static NumbersBot.Bot.Tests.Conversation.ConversationBot;

namespace NumbersBot.Bot.Tests.Conversation;

public class AccessConversationTests
{
    [Fact]
    public async Task An_admin_typing_access_sees_everyone_with_role_and_levels()
    {
        using var bot = new ConversationBot();

        var card = await bot.ModelAsync<AccessView>(bot.TypeAsync(Bob, "access"), ViewNames.Access);

        Assert.Equal(
            ["Alice (admin): Admin Edit Edit", "Bob (admin): Admin Edit Edit", "Carol (numbers editor): Member Edit Read",
             "Dave (read only): Member Read Read", "Erin (no access): Member None None"],
            card.People.Select(p => $"{p.Name}: {p.Role} {p.Numbers} {p.Variants}"));
        Assert.True(card.People[0].Configured);
        Assert.Equal("you", card.People[1].Note);
    }

    [Fact]
    public async Task A_member_typing_access_is_told_which_admins_can_grant_it()
    {
        using var bot = new ConversationBot();

        var error = await bot.ModelAsync<ErrorView>(bot.TypeAsync(Carol, "access"), ViewNames.Error);

        Assert.Equal("Only a NumbersBot admin can see and change who has access: Alice (admin) or Bob (admin).", error.Message);
    }

    [Fact]
    public async Task A_refusal_to_see_numbers_names_the_admins()
    {
        using var bot = new ConversationBot();

        var error = await bot.ModelAsync<ErrorView>(bot.TypeAsync(Erin, "numbers"), ViewNames.Error);

        Assert.EndsWith("Ask a NumbersBot admin to grant it: Alice (admin) or Bob (admin).", error.Message);
    }

    [Fact]
    public async Task Granting_through_the_form_gives_access_at_once()
    {
        using var bot = new ConversationBot();
        var form = await bot.ModelAsync<AccessFormView>(bot.ClickAsync(Alice, Verbs.AccessForm), ViewNames.AccessForm);
        Assert.Null(form.Person);

        var card = await bot.ModelAsync<AccessView>(bot.ClickAsync(Alice, Verbs.GrantAccess,
            (Keys.UserTyped, "erin"), (Keys.Role, "Member"), (Keys.NumbersAccess, "Edit"), (Keys.VariantsAccess, "Read")), ViewNames.Access);

        Assert.Equal("Erin (no access) now has: Member, Numbers Edit, Variants Read.", card.Notice!.Text);
        await bot.ModelAsync<AddNumberFormView>(bot.ClickAsync(Erin, Verbs.AddNumberForm, (Keys.Project, "demo"), (Keys.Environment, "Sandbox")),
            ViewNames.AddNumberForm);
    }

    [Fact]
    public async Task Change_opens_the_form_with_the_persons_levels()
    {
        using var bot = new ConversationBot();

        var form = await bot.ModelAsync<AccessFormView>(bot.ClickAsync(Alice, Verbs.AccessForm, (Keys.User, "local:carol")), ViewNames.AccessForm);

        Assert.Equal(("Carol (numbers editor)", "Edit", "Read"), (form.Person!.Name, form.Numbers.Value, form.Variants.Value));
    }

    [Fact]
    public async Task Revoking_takes_access_away()
    {
        using var bot = new ConversationBot();

        var card = await bot.ModelAsync<AccessView>(bot.ClickAsync(Bob, Verbs.RevokeAccess, (Keys.User, "local:carol")), ViewNames.Access);

        Assert.Equal("Carol (numbers editor) has no access any more.", card.Notice!.Text);
        await bot.ModelAsync<ErrorView>(bot.TypeAsync(Carol, "numbers"), ViewNames.Error);
        var audited = (await bot.ModelAsync<HistoryView>(bot.TypeAsync(Alice, "history access"), ViewNames.History)).Entries[0];
        Assert.Equal(("Access revoked", "Bob (admin)", "local:carol (Carol (numbers editor)): Member, Numbers Edit, Variants Read",
            "local:carol (Carol (numbers editor)): Member, Numbers None, Variants None"), (audited.Action, audited.Who, audited.Before, audited.After));
    }

    [Fact]
    public async Task A_grant_the_rules_refuse_comes_back_to_the_form_with_the_reason()
    {
        using var bot = new ConversationBot();

        var form = await bot.ModelAsync<AccessFormView>(bot.ClickAsync(Alice, Verbs.GrantAccess, (Keys.User, "local:alice"), (Keys.Role, "Member")),
            ViewNames.AccessForm);
        var nobody = await bot.ModelAsync<AccessFormView>(bot.ClickAsync(Alice, Verbs.GrantAccess, (Keys.Role, "Member")), ViewNames.AccessForm);

        Assert.Equal(("You are an admin through the Access:Admins setting, so only that setting can take your admin role away.", "role"),
            (form.Error, form.ErrorField));
        Assert.Equal(("Choose a person, or type their id.", "user"), (nobody.Error, nobody.ErrorField));
    }

    [Fact]
    public async Task An_admin_who_steps_down_is_told_what_they_now_have()
    {
        using var bot = new ConversationBot();

        var result = await bot.ModelAsync<ResultView>(bot.ClickAsync(Bob, Verbs.GrantAccess,
            (Keys.User, "local:bob"), (Keys.Role, "Member"), (Keys.NumbersAccess, "Read"), (Keys.VariantsAccess, "Read")), ViewNames.Result);

        Assert.Equal("You now have: Member, Numbers Read, Variants Read.", result.Text);
        await bot.ModelAsync<ErrorView>(bot.TypeAsync(Bob, "access"), ViewNames.Error);
    }

    [Fact]
    public async Task A_workspaces_starting_access_lets_a_newcomer_read_without_a_grant()
    {
        using var bot = new ConversationBot(app => app.With("Access:Defaults:local:Numbers", "Read"));
        var newcomer = new Domain.Access.Actor(Domain.Access.UserRef.Local("zoe"), "Zoe");

        var numbers = await bot.ModelAsync<NumbersView>(bot.TypeAsync(newcomer, "numbers"), ViewNames.Numbers);
        var access = await bot.ModelAsync<AccessView>(bot.TypeAsync(Alice, "access"), ViewNames.Access);

        Assert.False(numbers.CanEdit);
        Assert.Equal([new Fact("Everyone in the local chat", "Numbers Read, Variants None")], access.Defaults);
    }

    [Fact]
    public async Task Help_lists_the_access_and_variant_commands()
    {
        using var bot = new ConversationBot();

        var help = await bot.ModelAsync<HelpView>(bot.TypeAsync(Dave, "help"), ViewNames.Help);

        Assert.Superset(new HashSet<string> { "access", "variants [project]", "publish [project]", "promote [project] <environment>" },
            help.Commands.Select(c => c.Usage).ToHashSet());
    }
}
