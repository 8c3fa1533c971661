namespace NumbersBot.Domain.Tests;

public sealed class AccessTests
{
    private readonly DomainWorld _world = new();

    private Task<UserAccess> AccessOf(Actor actor) => _world.AccessControl.ForAsync(actor, CancellationToken.None);

    private Task<AccessGranted> Grant(Actor by, Actor to, Role role, AccessLevel numbers = AccessLevel.None, AccessLevel variants = AccessLevel.None) =>
        _world.Handle(new GrantAccess(by, to.User.Key, to.DisplayName, role, numbers, variants));

    [Fact]
    public async Task Read_access_can_show_numbers_but_not_edit_them()
    {
        await _world.NumberIn(AgentEnvironment.Sandbox);

        var page = await _world.Page(_world.Rita);

        Assert.Single(page.Environments[0].Numbers);
        Assert.False(page.ViewerCanEdit);
        Assert.True((await _world.Page(_world.Mel)).ViewerCanEdit);
    }

    [Fact]
    public async Task Read_access_cannot_change_numbers_and_is_told_Edit_is_needed()
    {
        var refusal = await _world.Add(AgentEnvironment.Sandbox, by: _world.Rita).Refused(RefusalKind.Forbidden);

        Assert.Equal(
            "You have Read access to Numbers, and to change phone numbers you need Edit access. Ask a NumbersBot admin to grant it.",
            refusal.Message);
        Assert.Empty(_world.Telephony.Orders);
    }

    [Fact]
    public async Task No_access_cannot_even_show_numbers_and_is_told_Read_is_needed()
    {
        var refusal = await _world.Page(_world.Nora).Refused(RefusalKind.Forbidden);

        Assert.Equal(
            "You have no access to Numbers, and to see phone numbers you need Read access. Ask a NumbersBot admin to grant it.",
            refusal.Message);
    }

    [Fact]
    public async Task Someone_nobody_granted_anything_has_no_access()
    {
        var stranger = new Actor(UserRef.Slack("T1", "U999"), "Stranger");

        await _world.Page(stranger).Refused(RefusalKind.Forbidden);
        Assert.Equal((Role.Member, AccessLevel.None), ((await AccessOf(stranger)).Role, (await AccessOf(stranger)).LevelIn(AccessArea.Numbers)));
    }

    [Fact]
    public async Task Numbers_and_Variants_are_separate_areas()
    {
        _world.Access.Save(new UserAccess(_world.Mel.User, "Mel", Role.Member, AccessLevel.Edit, AccessLevel.None));

        await _world.Add(AgentEnvironment.Sandbox, by: _world.Mel);
        var refusal = await _world.Handle(new CreateVariant(_world.Mel, null, "London")).Refused(RefusalKind.Forbidden);

        Assert.Contains("to change variants you need Edit access", refusal.Message);
    }

    [Fact]
    public async Task Admins_have_Edit_everywhere_whatever_their_area_levels()
    {
        var grace = await AccessOf(_world.Grace);

        Assert.Equal((AccessLevel.Edit, AccessLevel.Edit), (grace.LevelIn(AccessArea.Numbers), grace.LevelIn(AccessArea.Variants)));
    }

    [Fact]
    public async Task Bootstrap_admins_are_admins_whatever_storage_says()
    {
        _world.Access.Save(new UserAccess(_world.Ada.User, "Ada", Role.Member, AccessLevel.None, AccessLevel.None));

        var ada = await AccessOf(_world.Ada);

        Assert.True(ada.IsAdmin);
        await _world.Add(AgentEnvironment.Sandbox, by: _world.Ada);
    }

    [Fact]
    public async Task The_name_shown_is_the_one_the_channel_gives_now()
    {
        var renamed = new Actor(_world.Rita.User, "Rita Moreno");

        Assert.Equal("Rita Moreno", (await AccessOf(renamed)).DisplayName);
    }

    [Fact]
    public async Task Only_admins_grant_access()
    {
        var refusal = await Grant(_world.Mel, _world.Rita, Role.Member, AccessLevel.Edit).Refused(RefusalKind.Forbidden);

        Assert.Equal("Only a NumbersBot admin can grant access.", refusal.Message);
        Assert.Equal(AccessLevel.Read, (await AccessOf(_world.Rita)).Numbers);
    }

    [Fact]
    public async Task Granted_access_takes_effect_and_is_audited()
    {
        var granted = await Grant(_world.Grace, _world.Rita, Role.Member, AccessLevel.Edit, AccessLevel.Read);

        await _world.Add(AgentEnvironment.Sandbox, by: _world.Rita);
        Assert.Equal((AccessLevel.Read, AccessLevel.Edit), (granted.Before.Numbers, granted.After.Numbers));
        var entry = _world.Audit.Entries.Single(e => e.Action == AuditActions.AccessGranted);
        Assert.Equal(("local:grace", "local:rita (Rita): Member, Numbers Read, Variants Read", "local:rita (Rita): Member, Numbers Edit, Variants Read"),
            (entry.ActorKey, entry.Before, entry.After));
    }

    [Fact]
    public async Task Access_can_be_granted_to_someone_never_seen_before()
    {
        await _world.Handle(new GrantAccess(_world.Ada, "slack:T1:U42", "Sam", Role.Member, AccessLevel.Read, AccessLevel.None));

        await _world.Page(new Actor(UserRef.Slack("T1", "U42"), "Sam"));
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role()
    {
        var refusal = await Grant(_world.Grace, _world.Grace, Role.Member, AccessLevel.Edit, AccessLevel.Edit).Refused(RefusalKind.Invalid);

        Assert.Contains("You cannot take away your own admin role", refusal.Message);
        Assert.True((await AccessOf(_world.Grace)).IsAdmin);
    }

    [Fact]
    public async Task An_admin_can_remove_another_admins_role()
    {
        await Grant(_world.Ada, _world.Grace, Role.Member, AccessLevel.Read);

        await Grant(_world.Grace, _world.Rita, Role.Admin).Refused(RefusalKind.Forbidden);
        Assert.False((await AccessOf(_world.Grace)).IsAdmin);
    }

    [Fact]
    public async Task Granting_to_a_malformed_user_key_is_refused()
    {
        var refusal = await _world.Handle(new GrantAccess(_world.Ada, "rita", null, Role.Member, AccessLevel.Read, AccessLevel.Read))
            .Refused(RefusalKind.Invalid);

        Assert.Contains("is not a user key", refusal.Message);
    }
}
