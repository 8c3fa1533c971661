using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using static NumbersBot.Bot.Tests.Conversation.ConversationBot;

namespace NumbersBot.Bot.Tests.Conversation;

/// <summary>The number forms keep what was typed, answer on the form they came from, and pause before changing Live.</summary>
public class NumberFormTests
{
    [Fact]
    public async Task A_bad_area_code_comes_back_on_the_form_with_the_country_and_digits_kept_and_the_error_beside_the_field()
    {
        using var bot = new ConversationBot();

        var form = await bot.ModelAsync<AddNumberFormView>(bot.ClickAsync(Alice, Verbs.AddNumber, (Keys.Project, "demo"),
            (Keys.Environment, "Sandbox"), (Keys.Country, "US"), (Keys.AreaCode, "12"), (Keys.Variant, "Manchester"), (Keys.RequestKey, "k-1")),
            ViewNames.AddNumberForm);

        Assert.Equal(("US", "12", "Manchester"), (form.Typed.Country, form.Typed.AreaCode, form.Typed.Variant));
        Assert.Equal("areaCode", form.ErrorField);
        Assert.Contains("an area code is 3 digits", form.Error);
        Assert.NotEqual("k-1", form.RequestKey);
    }

    [Fact]
    public async Task An_area_code_the_provider_has_no_numbers_for_comes_back_on_the_form_not_the_numbers_list()
    {
        using var bot = new ConversationBot();

        var form = await bot.ModelAsync<AddNumberFormView>(bot.ClickAsync(Alice, Verbs.AddNumber, (Keys.Project, "demo"),
            (Keys.Environment, "Sandbox"), (Keys.Country, "US"), (Keys.AreaCode, "533"), (Keys.RequestKey, "k-2")), ViewNames.AddNumberForm);

        Assert.Equal(("US", "533"), (form.Typed.Country, form.Typed.AreaCode));
        Assert.False(form.Connecting);
        Assert.NotNull(form.Error);
    }

    [Fact]
    public async Task Connecting_has_its_own_form_with_instructions_and_a_number_not_in_the_account_keeps_what_was_typed()
    {
        using var bot = new ConversationBot();
        var connect = await bot.ModelAsync<AddNumberFormView>(bot.ClickAsync(Alice, Verbs.AddNumberForm, (Keys.Project, "demo"),
            (Keys.Environment, "Sandbox"), (Keys.Connect, "true")), ViewNames.AddNumberForm);
        Assert.True(connect.Connecting);

        var form = await bot.ModelAsync<AddNumberFormView>(bot.ClickAsync(Alice, Verbs.ConnectNumber, (Keys.Project, "demo"),
            (Keys.Environment, "Sandbox"), (Keys.Number, "+14155550000")), ViewNames.AddNumberForm);

        Assert.True(form.Connecting);
        Assert.Equal(("+14155550000", "number"), (form.Typed.Number, form.ErrorField));
        Assert.Contains("does not exist in this project's Twilio account", form.Error);
    }

    [Fact]
    public async Task The_reassign_form_preselects_the_current_variant_and_No_variant_clears_it()
    {
        using var bot = new ConversationBot();
        var row = await RowAsync(bot, "Sandbox", "+44 7700 900101");

        var form = await bot.ModelAsync<ReassignFormView>(bot.ClickAsync(Alice, Verbs.ReassignForm, (Keys.Project, "demo"),
            (Keys.NumberId, row.Id), (Keys.Version, row.Version.ToString())), ViewNames.ReassignForm);
        Assert.Equal("London", form.Variants.Single(v => v.Id == form.Chosen).Name);

        var numbers = await bot.ModelAsync<NumbersView>(bot.ClickAsync(Alice, Verbs.Reassign, (Keys.Project, "demo"),
            (Keys.NumberId, row.Id), (Keys.Version, row.Version.ToString()), (Keys.Variant, form.NoVariant)), ViewNames.Numbers);

        Assert.Equal("+44 7700 900101 now uses no variant (was London).", numbers.Notice!.Text);
        Assert.Equal("—", (await RowAsync(bot, "Sandbox", "+44 7700 900101")).Variant);
    }

    [Fact]
    public async Task A_variant_that_cannot_be_assigned_comes_back_on_the_reassign_form_with_the_choice_kept()
    {
        using var bot = new ConversationBot();
        var row = await RowAsync(bot, "Sandbox", "+44 7700 900101");

        var form = await bot.ModelAsync<ReassignFormView>(bot.ClickAsync(Alice, Verbs.Reassign, (Keys.Project, "demo"),
            (Keys.NumberId, row.Id), (Keys.Version, row.Version.ToString()), (Keys.Variant, "Leeds")), ViewNames.ReassignForm);

        Assert.Equal("Leeds", form.Chosen);
        Assert.Contains("not published to Sandbox", form.Error);
    }

    [Fact]
    public async Task Reassigning_a_Live_number_says_what_changes_for_whom_and_changes_nothing_until_confirmed()
    {
        using var bot = new ConversationBot();
        var row = await RowAsync(bot, "Live", "+44 7700 900103");
        (string, string?)[] click = [(Keys.Project, "demo"), (Keys.NumberId, row.Id), (Keys.Version, row.Version.ToString()), (Keys.Variant, "Manchester")];

        var confirm = await bot.ModelAsync<ConfirmLiveChangeView>(bot.ClickAsync(Alice, Verbs.Reassign, click), ViewNames.ConfirmLiveChange);

        Assert.Equal("Change the variant of Live number +44 7700 900103?", confirm.Question);
        Assert.Equal("Calls to +44 7700 900103 are handled by variant Manchester instead of variant London.", confirm.WhatChanges);
        Assert.Contains("Everyone who calls +44 7700 900103", confirm.ForWhom);
        Assert.Equal("London", (await RowAsync(bot, "Live", "+44 7700 900103")).Variant);

        var done = await bot.ModelAsync<NumbersView>(bot.ClickAsync(Alice, Verbs.ReassignConfirmed,
            [.. click.Select(c => c.Item1 == Keys.Variant ? (Keys.Variant, confirm.Reassignment!.Variant) : c)]), ViewNames.Numbers);
        Assert.StartsWith("+44 7700 900103 now uses Manchester", done.Notice!.Text);
    }

    [Fact]
    public async Task Adding_to_Live_says_what_changes_for_whom_and_buys_nothing_until_confirmed()
    {
        using var bot = new ConversationBot();
        var before = (await LiveAsync(bot)).Count;

        var confirm = await bot.ModelAsync<ConfirmLiveChangeView>(bot.ClickAsync(Alice, Verbs.AddNumber, (Keys.Project, "demo"),
            (Keys.Environment, "Live"), (Keys.Country, "US"), (Keys.AreaCode, "415"), (Keys.RequestKey, "k-live")), ViewNames.ConfirmLiveChange);

        Assert.Equal("Add a US number in area code 415 to Live?", confirm.Question);
        Assert.Contains("routed to the Live agent", confirm.WhatChanges);
        Assert.Contains("real callers", confirm.ForWhom);
        Assert.Equal(before, (await LiveAsync(bot)).Count);

        var added = confirm.Addition!;
        var done = await bot.ModelAsync<NumbersView>(bot.ClickAsync(Alice, Verbs.AddNumberConfirmed, (Keys.Project, "demo"),
            (Keys.Environment, "Live"), (Keys.Country, added.Country), (Keys.AreaCode, added.AreaCode), (Keys.Variant, added.Variant),
            (Keys.RequestKey, added.RequestKey)), ViewNames.Numbers);
        Assert.StartsWith("Added +1 415-555-", done.Notice!.Text);
        Assert.Equal(before + 1, (await LiveAsync(bot)).Count);
    }

    [Fact]
    public async Task Adding_to_Sandbox_needs_no_confirmation()
    {
        using var bot = new ConversationBot();

        var done = await bot.ModelAsync<NumbersView>(bot.ClickAsync(Alice, Verbs.AddNumber, (Keys.Project, "demo"),
            (Keys.Environment, "Sandbox"), (Keys.Country, "UK"), (Keys.RequestKey, "k-sandbox")), ViewNames.Numbers);

        Assert.StartsWith("Added +44 7700 900", done.Notice!.Text);
    }

    [Fact]
    public async Task The_new_row_is_marked_after_an_add_and_only_then()
    {
        using var bot = new ConversationBot();

        var done = await bot.ModelAsync<NumbersView>(bot.ClickAsync(Alice, Verbs.AddNumber, (Keys.Project, "demo"),
            (Keys.Environment, "Sandbox"), (Keys.Country, "US"), (Keys.RequestKey, "k-new-row")), ViewNames.Numbers);

        var added = done.Notice!.Text["Added ".Length..done.Notice.Text.IndexOf(" to ", StringComparison.Ordinal)];
        var marked = Assert.Single(done.Environments.SelectMany(e => e.Numbers), n => n.IsNew);
        Assert.Equal(added, marked.Display);
        Assert.False((await RowAsync(bot, "Sandbox", added)).IsNew);
    }

    private static async Task<NumberView> RowAsync(ConversationBot bot, string environment, string display)
    {
        var numbers = await bot.ModelAsync<NumbersView>(bot.TypeAsync(Alice, "numbers Demo Agent"), ViewNames.Numbers);
        return numbers.Environments.Single(e => e.Key == environment).Numbers.Single(n => n.Display == display);
    }

    private static async Task<EnvironmentView> LiveAsync(ConversationBot bot) =>
        (await bot.ModelAsync<NumbersView>(bot.TypeAsync(Alice, "numbers Demo Agent"), ViewNames.Numbers)).Environments.Single(e => e.Key == "Live");
}
