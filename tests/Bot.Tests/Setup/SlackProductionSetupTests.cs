using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Channels.Slack;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Tests.Setup;

/// <summary>A new team on Slack only, in Production, from an empty database: nothing comes from the demo seed.</summary>
public class SlackProductionSetupTests
{
    private const string Colleague = "UCOLLEAGUE";

    [Fact]
    public async Task An_admin_sets_up_a_project_and_a_colleague_adds_a_number_with_its_variant_all_through_Slack()
    {
        await using var bot = await SlackBot.StartAsync(app => app
            .With("environment", "Production")
            .With("Access:Admins", $"slack:{SlackBot.Team}:{SlackBot.Admin}"));

        // An empty database stays empty: no demo project, no demo people.
        Assert.Contains("No projects yet. Create the first one.", Blocks.AllText(await bot.NumbersAsync("projects")));
        // The first thing most people type is plain /numbers: a welcome that says what to do, not an error.
        var first = Blocks.AllText(await bot.NumbersAsync());
        Assert.Contains("No projects yet. Create the first one.", first);
        Assert.DoesNotContain("Not found", first);
        Assert.DoesNotContain("Which project?", first);
        await using (var scope = bot.App.Services.CreateAsyncScope())
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<IAccessRepository>().ListAsync(default));

        Assert.Contains("Created Acme Voice", Blocks.AllText(await bot.NumbersAsync("project new Acme Voice")));

        foreach (var environment in AgentEnvironments.All)
        {
            var id = $"sip-{environment}";
            var card = await bot.NumbersAsync("project Acme Voice");
            using var click = await bot.ClickAsync(Blocks.Button(card, $"{Verbs.SipForm}:{environment}"), id);
            var modal = (await bot.Slack.WaitForAsync(c => c.Method == "views.open" && c.Body["trigger_id"]!.GetValue<string>() == $"trigger-{id}")).Body["view"]!.AsObject();
            var host = environment.ToString().ToLowerInvariant();
            using var submit = await bot.SubmitAsync(modal, SlackProjectTests.SipValues($"sip:agent@{host}.acme.example.com", $"sip:backup@{host}.acme.example.com"));
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
            await bot.Slack.WaitForAsync(c => c.Method == $"response_url:{id}" && Blocks.AllText(c.Body).Contains($"{environment.DisplayName()} now sends calls to sip:agent@"),
                TimeSpan.FromSeconds(30));
        }

        // Until an admin chooses its telephony, `numbers` says so and leads to the project's settings, where it is chosen.
        var noTelephony = await bot.NumbersAsync();
        Assert.Contains("No telephony integration", Blocks.AllText(noTelephony));
        using (var toSettings = await bot.ClickAsync(Blocks.Button(noTelephony, Verbs.ShowProject + ":error"), "to-settings"))
            Assert.Equal(HttpStatusCode.OK, toSettings.StatusCode);
        await bot.Slack.WaitForAsync(c => c.Method == "response_url:to-settings" && Blocks.AllText(c.Body).Contains("Rename or change telephony"));

        var settings = await bot.NumbersAsync("project Acme Voice");
        using (var edit = await bot.ClickAsync(Blocks.Button(settings, Verbs.EditProjectForm), "edit"))
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var form = (await bot.Slack.WaitForAsync(c => c.Method == "views.open" && c.Body["trigger_id"]!.GetValue<string>() == "trigger-edit")).Body["view"]!.AsObject();
        using (var save = await bot.SubmitAsync(form, new JsonObject
        {
            ["name"] = new JsonObject { ["name"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Acme Voice" } },
            ["integration"] = new JsonObject { ["integration"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = "PlatformPool" } } },
        }))
            Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        await bot.Slack.WaitForAsync(c => c.Method == "response_url:edit" && Blocks.AllText(c.Body).Contains("Telephony: Platform number pool"));

        // The colleague has no access until an admin grants it, with Slack's own people picker.
        using (var grant = await bot.ClickAsync(Blocks.Button(await bot.NumbersAsync("access"), Verbs.AccessForm + ":grant"), "access"))
            Assert.Equal(HttpStatusCode.OK, grant.StatusCode);
        var grantForm = (await bot.Slack.WaitForAsync(c => c.Method == "views.open" && c.Body["trigger_id"]!.GetValue<string>() == "trigger-access")).Body["view"]!.AsObject();
        using (var granted = await bot.SubmitAsync(grantForm, new JsonObject
        {
            ["user"] = new JsonObject { ["user"] = new JsonObject { ["type"] = "users_select", ["selected_user"] = Colleague } },
            ["role"] = Selected("role", "Member"),
            ["numbersAccess"] = Selected("numbersAccess", "Edit"),
            ["variantsAccess"] = Selected("variantsAccess", "Read"),
        }))
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        await bot.Slack.WaitForAsync(c => c.Method == "response_url:access" && Blocks.AllText(c.Body).Contains("now has: Member, Numbers Edit, Variants Read."));

        using (var create = await bot.ClickAsync(Blocks.Button(await bot.NumbersAsync("variants Acme Voice"), Verbs.CreateVariantForm + ":"), "variants"))
            Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        var variantForm = (await bot.Slack.WaitForAsync(c => c.Method == "views.open" && c.Body["trigger_id"]!.GetValue<string>() == "trigger-variants")).Body["view"]!.AsObject();
        using (var named = await bot.SubmitAsync(variantForm,
            new JsonObject { ["name"] = new JsonObject { ["name"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "London" } } }))
            Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        var drafted = await bot.Slack.WaitForAsync(c => c.Method == "response_url:variants" && Blocks.AllText(c.Body).Contains("Added the draft variant London"));
        using (var publish = await bot.ClickAsync(Blocks.Button(drafted.Body, Verbs.Publish + ":drafts"), "published"))
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        await bot.Slack.WaitForAsync(c => c.Method == "response_url:published" && Blocks.AllText(c.Body).Contains("Published version 1 to Sandbox: London."));

        var numbers = await bot.NumbersAsync("", user: Colleague);
        Assert.Contains("Phone numbers · Acme Voice", Blocks.AllText(numbers));
        using (var add = await bot.ClickAsync(Blocks.Button(numbers, $"{Verbs.AddNumberForm}:Sandbox"), "add", user: Colleague))
            Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        var addForm = (await bot.Slack.WaitForAsync(c => c.Method == "views.open" && c.Body["trigger_id"]!.GetValue<string>() == "trigger-add")).Body["view"]!.AsObject();
        var london = addForm["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == "variant")!["element"]!["options"]![0]!["value"]!.GetValue<string>();
        using (var buy = await bot.SubmitAsync(addForm, new JsonObject
        {
            ["country"] = new JsonObject { ["country"] = new JsonObject { ["type"] = "radio_buttons", ["selected_option"] = new JsonObject { ["value"] = "US" } } },
            ["areaCode"] = new JsonObject { ["areaCode"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "212" } },
            ["variant"] = new JsonObject { ["variant"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = london } } },
            ["number"] = new JsonObject { ["number"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = null } },
        }, user: Colleague))
            Assert.Equal(HttpStatusCode.OK, buy.StatusCode);
        await bot.Slack.WaitForAsync(c => c.Method == "response_url:add" && Blocks.AllText(c.Body).Contains(", variant London"), TimeSpan.FromSeconds(30));

        await ProductionSteps.AssertSetUpAsync(bot.App.Services, "slack:T1:UADMIN", NumbersBot.Bot.Channels.Slack.SlackChannel.Name);
        Assert.Contains("Number added · +1 212-555-01", Blocks.AllText(await bot.NumbersAsync("history project Acme Voice")));
    }

    private static JsonObject Selected(string key, string value) =>
        new() { [key] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["value"] = value } } };
}
