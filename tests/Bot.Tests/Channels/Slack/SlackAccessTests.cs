using System.Net;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Tests.Channels.Slack;

/// <summary>Access and variants through signed Slack requests: /numbers access, the users_select modal, the variant modal.</summary>
public class SlackAccessTests
{
    [Fact]
    public async Task An_admin_grants_a_colleague_access_with_Slacks_own_people_picker()
    {
        await using var bot = await SlackBot.StartAsync();
        Assert.Contains("no access", Blocks.AllText(await bot.NumbersAsync("", user: "U42")));
        var access = await bot.NumbersAsync("access");

        await bot.ClickAsync(Blocks.Button(access, Verbs.AccessForm + ":grant"), "access");
        var modal = (await bot.Slack.WaitForAsync(c => c.Method == "views.open")).Body["view"]!.AsObject();
        Assert.Equal(Verbs.GrantAccess, modal["callback_id"]!.GetValue<string>());
        Assert.Equal("users_select", Blocks.All(modal).Single(o => o["block_id"]?.GetValue<string>() == "user")["element"]!["type"]!.GetValue<string>());
        using var submitted = await bot.SubmitAsync(modal, GrantValues("U42", "Member", "Edit", "Read"));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var update = await bot.Slack.WaitForAsync(c => c.Method == "response_url:access");
        Assert.True(update.Body["replace_original"]!.GetValue<bool>());
        Assert.Contains("Slack U42 now has: Member, Numbers Edit, Variants Read.", Blocks.AllText(update.Body));
        Assert.Contains("Add number", Blocks.AllText(await bot.NumbersAsync("", user: "U42")));
    }

    [Fact]
    public async Task A_grant_the_rules_refuse_keeps_the_modal_open_with_the_reason_under_the_role()
    {
        await using var bot = await SlackBot.StartAsync();
        await bot.ClickAsync(Blocks.Button(await bot.NumbersAsync("access"), Verbs.AccessForm + ":grant"), "access");
        var modal = (await bot.Slack.WaitForAsync(c => c.Method == "views.open")).Body["view"]!.AsObject();

        using var refused = await bot.SubmitAsync(modal, GrantValues(SlackBot.Admin, "Member", "Read", "Read"));

        var answer = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", answer["response_action"]!.GetValue<string>());
        Assert.StartsWith("You are an admin through the Access:Admins setting", answer["errors"]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_member_asking_for_access_is_told_which_admins_to_ask()
    {
        await using var bot = await SlackBot.StartAsync();

        var answer = Blocks.AllText(await bot.NumbersAsync("access", user: "U42"));

        Assert.Contains("Only a NumbersBot admin can see and change who has access:", answer);
        Assert.Contains("Alice (admin)", answer);
        // The configured Slack admins never wrote to the bot: named from users.info, not by their member ids.
        Assert.Contains("Slack UADMIN or Slack UADMIN2", answer);
    }

    [Fact]
    public async Task A_variant_is_named_in_a_modal_and_published_from_the_variants_message()
    {
        await using var bot = await SlackBot.StartAsync();
        var variants = await bot.NumbersAsync("variants demo");

        await bot.ClickAsync(Blocks.Button(variants, Verbs.CreateVariantForm + ":"), "variants");
        var modal = (await bot.Slack.WaitForAsync(c => c.Method == "views.open")).Body["view"]!.AsObject();
        Assert.Equal(Verbs.CreateVariant, modal["callback_id"]!.GetValue<string>());
        using var taken = await bot.SubmitAsync(modal, NameValue("london"));
        Assert.Contains("already exists", JsonNode.Parse(await taken.Content.ReadAsStringAsync())!["errors"]!["name"]!.GetValue<string>());
        await bot.SubmitAsync(modal, NameValue("Bristol"));
        var created = await bot.Slack.WaitForAsync(c => c.Method == "response_url:variants");
        Assert.Contains("Added the draft variant Bristol", Blocks.AllText(created.Body));

        await bot.ClickAsync(Blocks.Button(created.Body, Verbs.Publish + ":drafts"), "published");

        var published = await bot.Slack.WaitForAsync(c => c.Method == "response_url:published");
        Assert.Contains("Published version 2 to Sandbox: London, Manchester, Leeds, Bristol.", Blocks.AllText(published.Body));
    }

    [Fact]
    public async Task The_numbers_callout_carries_a_publish_button_that_clears_it()
    {
        await using var bot = await SlackBot.StartAsync();
        var numbers = await bot.NumbersAsync();

        await bot.ClickAsync(Blocks.Button(numbers, Verbs.Publish + ":callout-"), "list");

        var update = await bot.Slack.WaitForAsync(c => c.Method == "response_url:list");
        Assert.Contains("Published version 2 to Sandbox", Blocks.AllText(update.Body));
        Assert.DoesNotContain("New variant added", Blocks.AllText(update.Body));
    }

    private static JsonObject GrantValues(string user, string role, string numbers, string variants) => new()
    {
        ["user"] = new JsonObject { ["user"] = new JsonObject { ["type"] = "users_select", ["selected_user"] = user } },
        ["role"] = Selected("role", role),
        ["numbersAccess"] = Selected("numbersAccess", numbers),
        ["variantsAccess"] = Selected("variantsAccess", variants),
    };

    private static JsonObject Selected(string key, string value) =>
        new() { [key] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = value } } };

    private static JsonObject NameValue(string name) =>
        new() { ["name"] = new JsonObject { ["name"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = name } } };
}
