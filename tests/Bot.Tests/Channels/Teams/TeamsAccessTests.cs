using System.Net;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Channels.Teams;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Tests.Channels.Teams;

/// <summary>Access through signed Teams activities: Teams' people picker in the grant form, and the grant it submits.</summary>
public class TeamsAccessTests
{
    [Fact]
    public async Task The_grant_form_offers_Teams_people_picker_beside_a_typed_id()
    {
        await using var bot = await TeamsBot.StartAsync();

        var answer = await UniversalActionTests.Json(await bot.PostAsync(bot.Execute(Verbs.AccessForm, new JsonObject())));

        var body = answer["value"]!["body"]!.AsArray().OfType<JsonObject>().ToList();
        var picker = body.Single(e => e["id"]?.GetValue<string>() == Keys.User);
        Assert.Equal("Input.ChoiceSet", picker["type"]!.GetValue<string>());
        Assert.Equal(TeamsPeoplePicker.Dataset, picker["choices.data"]!["dataset"]!.GetValue<string>());
        Assert.Equal("Data.Query", picker["choices.data"]!["type"]!.GetValue<string>());
        Assert.Equal(body.IndexOf(picker) + 1, body.FindIndex(e => e["id"]?.GetValue<string>() == Keys.UserTyped));
    }

    [Fact]
    public async Task The_person_picked_gets_access_in_the_admins_tenant()
    {
        await using var bot = await TeamsBot.StartAsync();
        Assert.Equal(AccessLevel.None, (await StrangerAsync(bot)).Numbers);

        var response = await bot.PostAsync(bot.Execute(Verbs.GrantAccess, new JsonObject
        {
            [Keys.User] = TeamsBot.StrangerObjectId, [Keys.UserTyped] = "", [Keys.Role] = "Member",
            [Keys.NumbersAccess] = "Read", [Keys.VariantsAccess] = "None",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("now has: Member, Numbers Read, Variants None.", TeamsBot.Text(await UniversalActionTests.Json(response)));
        Assert.Equal(AccessLevel.Read, (await StrangerAsync(bot)).Numbers);
        Assert.Contains("Phone numbers", TeamsBot.Text(await StrangerNumbersAsync(bot)));
    }

    [Fact]
    public async Task The_shared_card_has_no_people_picker_so_the_local_chat_types_a_name()
    {
        await using var bot = await TeamsBot.StartAsync();
        var changing = await UniversalActionTests.Json(await bot.PostAsync(bot.Execute(Verbs.AccessForm,
            new JsonObject { [Keys.User] = $"teams:{TeamsBot.Tenant}:{TeamsBot.AdminObjectId}" })));

        Assert.DoesNotContain("choices.data", TeamsBot.Text(changing["value"]));
    }

    [Fact]
    public async Task A_redelivered_publish_publishes_once_and_shows_the_variants_as_they_are()
    {
        await using var bot = await TeamsBot.StartAsync();
        var publish = bot.Execute(Verbs.Publish, new JsonObject { [Keys.Project] = "demo" });

        var first = TeamsBot.Text((await UniversalActionTests.Json(await bot.PostAsync(publish)))["value"]);
        var again = TeamsBot.Text((await UniversalActionTests.Json(await bot.PostAsync(publish)))["value"]);

        Assert.Contains("Published version 2 to Sandbox", first);
        Assert.Contains("acted on once", again);
        Assert.Contains("Version 2: London, Manchester, Leeds", again);
        Assert.DoesNotContain("Version 3", again);
    }

    private static async Task<UserAccess> StrangerAsync(TeamsBot bot)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccessControl>()
            .EffectiveAsync(UserRef.Teams(TeamsBot.Tenant, TeamsBot.StrangerObjectId), null, CancellationToken.None);
    }

    private static async Task<JsonNode> StrangerNumbersAsync(TeamsBot bot) =>
        (await UniversalActionTests.Json(await bot.PostAsync(bot.Execute(Verbs.ShowNumbers, new JsonObject { [Keys.Project] = "demo" },
            aadObjectId: TeamsBot.StrangerObjectId, userId: TeamsBot.StrangerUserId))))["value"]!;
}
