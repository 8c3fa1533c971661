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
            "You have Read access to Numbers, and to change phone numbers you need Edit access. Ask a NumbersBot admin to grant it: ada or Grace.",
            refusal.Message);
        Assert.Empty(_world.Telephony.Orders);
    }

    [Fact]
    public async Task No_access_cannot_even_show_numbers_and_is_told_Read_is_needed()
    {
        var refusal = await _world.Page(_world.Nora).Refused(RefusalKind.Forbidden);

        Assert.Equal(
            "You have no access to Numbers, and to see phone numbers you need Read access. Ask a NumbersBot admin to grant it: ada or Grace.",
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

        Assert.Equal("Only a NumbersBot admin can grant, change or revoke access: ada or Grace.", refusal.Message);
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
    public async Task The_last_admin_cannot_remove_their_own_admin_role()
    {
        var world = new DomainWorld();
        var onlyAdmin = new AccessControl(world.Access, new BootstrapAdmins([]));
        var handler = new GrantAccessHandler(new AccessChanges(onlyAdmin, world.Access, world.UnitOfWork, new AuditLog(world.Audit, world.Clock, world.Ids)));

        var refusal = await handler.HandleAsync(
            new GrantAccess(world.Grace, world.Grace.User.Key, null, Role.Member, AccessLevel.Edit, AccessLevel.Edit), CancellationToken.None)
            .Refused(RefusalKind.Invalid);

        Assert.Equal("You are the last admin, so you cannot remove your own admin role. Make someone else an admin first.", refusal.Message);
        Assert.True((await onlyAdmin.ForAsync(world.Grace, CancellationToken.None)).IsAdmin);
        Assert.Empty(world.Audit.Entries);
    }

    [Fact]
    public async Task An_admin_may_step_down_while_another_admin_remains()
    {
        await Grant(_world.Grace, _world.Grace, Role.Member, AccessLevel.Edit, AccessLevel.Read);

        var grace = await AccessOf(_world.Grace);
        Assert.Equal((Role.Member, AccessLevel.Edit, AccessLevel.Read), (grace.Role, grace.Numbers, grace.Variants));
    }

    [Fact]
    public async Task A_configured_admin_keeps_the_role_whoever_asks()
    {
        var own = await Grant(_world.Ada, _world.Ada, Role.Member, AccessLevel.Read).Refused(RefusalKind.Invalid);
        var other = await _world.Handle(new RevokeAccess(_world.Grace, _world.Ada.User.Key)).Refused(RefusalKind.Invalid);

        Assert.Contains("You are an admin through the Access:Admins setting", own.Message);
        Assert.Contains("is an admin through the Access:Admins setting", other.Message);
        Assert.True((await AccessOf(_world.Ada)).IsAdmin);
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
        var refusal = await _world.Handle(new GrantAccess(_world.Ada, "slack:T1", null, Role.Member, AccessLevel.Read, AccessLevel.Read))
            .Refused(RefusalKind.Invalid);

        Assert.Contains("is not a user key", refusal.Message);
    }

    [Fact]
    public async Task Revoking_takes_everything_away_and_is_audited()
    {
        var revoked = await _world.Handle(new RevokeAccess(_world.Grace, _world.Mel.User.Key));

        await _world.Page(_world.Mel).Refused(RefusalKind.Forbidden);
        Assert.Equal((AccessLevel.None, AccessLevel.None), (revoked.After.Numbers, revoked.After.Variants));
        var entry = _world.Audit.Entries.Single(e => e.Action == AuditActions.AccessRevoked);
        Assert.Equal(("local:mel (Mel): Member, Numbers Edit, Variants Edit", "local:mel (Mel): Member, Numbers None, Variants None"),
            (entry.Before, entry.After));
    }

    [Fact]
    public async Task Revoking_an_admin_removes_the_admin_role()
    {
        await _world.Handle(new RevokeAccess(_world.Ada, _world.Grace.User.Key));

        Assert.False((await AccessOf(_world.Grace)).IsAdmin);
    }

    [Fact]
    public async Task Only_admins_revoke_access()
    {
        await _world.Handle(new RevokeAccess(_world.Mel, _world.Rita.User.Key)).Refused(RefusalKind.Forbidden);

        Assert.Equal(AccessLevel.Read, (await AccessOf(_world.Rita)).Numbers);
    }

    [Fact]
    public async Task A_refusal_names_the_admins_to_ask()
    {
        _world.Access.Save(new UserAccess(UserRef.Slack("T1", "U7"), "Sam Admin", Role.Admin, AccessLevel.None, AccessLevel.None));

        var refusal = await _world.Page(_world.Nora).Refused(RefusalKind.Forbidden);

        Assert.EndsWith("Ask a NumbersBot admin to grant it: ada, Grace or Sam Admin.", refusal.Message);
    }

    [Fact]
    public async Task A_configured_admin_who_never_wrote_is_named_by_their_channel_else_by_what_their_channel_calls_their_id()
    {
        var world = new DomainWorld();
        var admins = new BootstrapAdmins([UserRef.Slack("T1", "UADMIN"), UserRef.Slack("T1", "UQUIET")]);
        var named = new AccessControl(world.Access, admins, directory: new Directory(("slack:T1:UADMIN", "Ada Admin")));

        Assert.Equal("Ada Admin, Grace or the Slack member with member ID UQUIET", (await named.ForAsync(world.Nora, CancellationToken.None)).AskWhom);
        Assert.Equal("Grace, the Slack member with member ID UADMIN or the Slack member with member ID UQUIET",
            (await new AccessControl(world.Access, admins).ForAsync(world.Nora, CancellationToken.None)).AskWhom);
    }

    [Fact]
    public async Task An_admin_granted_in_Teams_who_never_wrote_is_named_by_their_Entra_object_id()
    {
        var world = new DomainWorld();
        world.Access.Save(new UserAccess(UserRef.Teams("tenant-1", "0b7c4a2e-aaaa-bbbb-cccc-000000000001"), "0b7c4a2e-aaaa-bbbb-cccc-000000000001",
            Role.Admin, AccessLevel.Edit, AccessLevel.Edit));

        var refusal = await world.Page(world.Nora).Refused(RefusalKind.Forbidden);

        Assert.Contains("the Teams user with Microsoft Entra object id 0b7c4a2e-aaaa-bbbb-cccc-000000000001", refusal.Message);
    }

    private sealed class Directory(params (string Key, string Name)[] people) : IPeopleDirectory
    {
        public Task<string?> NameOfAsync(UserRef user, CancellationToken ct) =>
            Task.FromResult(people.Where(p => p.Key == user.Key).Select(p => p.Name).FirstOrDefault());
    }

    [Fact]
    public async Task Everyone_in_a_workspace_with_starting_access_may_use_it_without_a_grant()
    {
        var world = new DomainWorld(defaults: new AccessDefaults([new StartingAccess("slack:T1", AccessLevel.Read, AccessLevel.None)]));
        await world.NumberIn(AgentEnvironment.Sandbox);
        var newcomer = new Actor(UserRef.Slack("T1", "U100"), "Newcomer");
        var elsewhere = new Actor(UserRef.Slack("T2", "U100"), "Elsewhere");

        var page = await world.Page(newcomer);

        Assert.False(page.ViewerCanEdit);
        await world.Add(AgentEnvironment.Sandbox, by: newcomer).Refused(RefusalKind.Forbidden);
        await world.Handle(new ShowVariants(newcomer, null)).Refused(RefusalKind.Forbidden);
        await world.Page(elsewhere).Refused(RefusalKind.Forbidden);
    }

    [Fact]
    public async Task A_grant_or_a_revocation_overrides_the_starting_access()
    {
        var world = new DomainWorld(defaults: new AccessDefaults([new StartingAccess("local", AccessLevel.Read, AccessLevel.Read)]));
        var sam = new Actor(UserRef.Local("sam"), "Sam");
        var tom = new Actor(UserRef.Local("tom"), "Tom");

        var granted = await world.Handle(new GrantAccess(world.Ada, "sam", null, Role.Member, AccessLevel.Edit, AccessLevel.None));
        await world.Handle(new RevokeAccess(world.Ada, "tom"));

        Assert.Equal("local:sam (sam): Member, Numbers Read, Variants Read", world.Audit.Entries[0].Before);
        Assert.Equal(AccessLevel.Edit, granted.After.Numbers);
        await world.Add(AgentEnvironment.Sandbox, by: sam);
        await world.Page(tom).Refused(RefusalKind.Forbidden);
    }

    [Theory]
    [InlineData("U42", "slack:T1:U42")]
    [InlineData("@U42", "slack:T1:U42")]
    [InlineData("slack:T9:U42", "slack:T9:U42")]
    [InlineData("local:carol", "local:carol")]
    public void A_picked_or_typed_id_belongs_to_the_granters_workspace_unless_a_whole_key(string text, string key) =>
        Assert.Equal(key, UserRef.Resolve(text, UserRef.Slack("T1", "UADMIN")).Key);

    [Fact]
    public void A_typed_Teams_id_belongs_to_the_granters_tenant() =>
        Assert.Equal("teams:tenant-1:3f2a0000-0000-0000-0000-000000000001",
            UserRef.Resolve("3F2A0000-0000-0000-0000-000000000001", UserRef.Teams("Tenant-1", "aaa")).Key);

    [Fact]
    public async Task The_access_list_shows_stored_people_and_configured_admins_to_admins_only()
    {
        var list = await _world.Handle(new ShowAccess(_world.Grace));

        Assert.Equal(["ada", "Grace", "Mel", "Nora", "Rita"], list.People.Select(p => p.Access.DisplayName));
        Assert.Equal([true, false, false, false, false], list.People.Select(p => p.Configured));
        Assert.True(list.People[1].IsViewer);
        var refusal = await _world.Handle(new ShowAccess(_world.Mel)).Refused(RefusalKind.Forbidden);
        Assert.Equal("Only a NumbersBot admin can see and change who has access: ada or Grace.", refusal.Message);
    }

    [Fact]
    public async Task Someone_granted_by_a_picked_id_gets_their_name_when_they_first_turn_up()
    {
        await _world.Handle(new GrantAccess(_world.Ada, "teams:t1:0c4e", null, Role.Member, AccessLevel.Read, AccessLevel.None));
        Assert.Equal("0c4e", (await _world.Access.FindAsync(UserRef.Teams("t1", "0c4e"), default))!.DisplayName);

        await _world.Page(new Actor(UserRef.Teams("t1", "0c4e"), "Priya Shah"));
        await _world.Page(new Actor(UserRef.Teams("t1", "0c4e"), "Priya S."));

        var stored = (await _world.Access.FindAsync(UserRef.Teams("t1", "0c4e"), default))!;
        Assert.Equal(("Priya Shah", AccessLevel.Read), (stored.DisplayName, stored.Numbers));
    }
}
