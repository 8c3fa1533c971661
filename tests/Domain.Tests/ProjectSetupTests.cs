namespace NumbersBot.Domain.Tests;

public class ProjectSetupTests
{
    private readonly DomainWorld _world = new();

    [Fact]
    public async Task An_admin_creates_a_project_with_an_id_from_its_name_and_nothing_set_up_yet()
    {
        var created = (await _world.Handle(new CreateProject(_world.Ada, "  Acme   Voice ", UsesVariants: false))).Project;

        Assert.Equal(("acme-voice", "Acme Voice", TelephonyIntegration.None, false), (created.Id, created.Name, created.Integration, created.UsesVariants));
        Assert.Empty(created.Sip);
        var entry = _world.Audit.Entries[^1];
        Assert.Equal((AuditActions.ProjectCreated, "acme-voice", "local:ada", "local"), (entry.Action, entry.ProjectId, entry.ActorKey, entry.Channel));
        Assert.Equal("Acme Voice (id acme-voice), no variants, no telephony integration", entry.After);
    }

    [Fact]
    public async Task Only_an_admin_creates_projects()
    {
        var refusal = await _world.Handle(new CreateProject(_world.Mel, "Acme Voice", true)).Refused(RefusalKind.Forbidden);

        Assert.Equal("Only a NumbersBot admin can create a project: ada or Grace.", refusal.Message);
        Assert.Empty(_world.Audit.Entries);
    }

    [Fact]
    public async Task Two_projects_cannot_share_a_name_but_a_taken_id_gets_a_suffix()
    {
        await _world.Handle(new CreateProject(_world.Ada, "ACME SUPPORT", true)).Refused(RefusalKind.Conflict);

        var second = (await _world.Handle(new CreateProject(_world.Ada, "Acme", true))).Project;

        Assert.Equal("acme-2", second.Id);
    }

    [Fact]
    public async Task Renaming_keeps_the_id_and_records_both_names()
    {
        var renamed = await _world.Handle(new RenameProject(_world.Ada, "acme", "Acme Care"));

        Assert.Equal(("acme", "Acme Care", "Acme Support"), (renamed.Project.Id, renamed.Project.Name, renamed.Before));
        Assert.Equal("Acme Care", (await _world.Projects.FindAsync("acme", default))!.Name);
        Assert.Equal((AuditActions.ProjectRenamed, "Acme Support", "Acme Care"), (_world.Audit.Entries[^1].Action, _world.Audit.Entries[^1].Before, _world.Audit.Entries[^1].After));
    }

    [Fact]
    public async Task A_project_with_numbers_is_not_archived()
    {
        await _world.NumberIn(AgentEnvironment.Sandbox);

        var refusal = await _world.Handle(new ArchiveProject(_world.Ada, "acme")).Refused(RefusalKind.Conflict);

        Assert.Contains("still has 1 phone number; delete them first", refusal.Message);
    }

    [Fact]
    public async Task Archiving_and_changing_the_integration_count_the_numbers_without_reading_them()
    {
        await _world.NumberIn(AgentEnvironment.Sandbox);
        await _world.NumberIn(AgentEnvironment.Live);
        var listings = _world.Numbers.Listings;

        var archive = await _world.Handle(new ArchiveProject(_world.Ada, "acme")).Refused(RefusalKind.Conflict);
        var choose = await _world.Handle(new ChooseTelephonyIntegration(_world.Ada, "acme", TelephonyIntegration.None)).Refused(RefusalKind.Conflict);

        Assert.Contains("still has 2 phone numbers; delete them first", archive.Message);
        Assert.Contains("has 2 phone numbers through", choose.Message);
        Assert.Equal(listings, _world.Numbers.Listings);
    }

    [Fact]
    public async Task An_archived_project_is_listed_only_for_admins_and_changes_no_more()
    {
        _world.AddProject("other", "Other");
        await _world.Handle(new ArchiveProject(_world.Ada, "Acme Support"));

        Assert.Equal(["Other"], (await _world.Handle(new ListProjects(_world.Rita))).Projects.Select(p => p.Name));
        Assert.Equal(["Acme Support", "Other"], (await _world.Handle(new ListProjects(_world.Ada))).Projects.Select(p => p.Name));
        await _world.Handle(new RenameProject(_world.Ada, "acme", "Again")).Refused(RefusalKind.Conflict);
        Assert.Equal(("active", "archived"), (_world.Audit.Entries[^1].Before, _world.Audit.Entries[^1].After));
    }

    [Fact]
    public async Task Nobody_without_access_lists_projects()
    {
        var refusal = await _world.Handle(new ListProjects(_world.Nora)).Refused(RefusalKind.Forbidden);

        Assert.Contains("Ask a NumbersBot admin", refusal.Message);
    }

    [Fact]
    public async Task New_SIP_addresses_reroute_that_environments_numbers_and_say_which_moved()
    {
        var live = await _world.NumberIn(AgentEnvironment.Live);
        await _world.NumberIn(AgentEnvironment.Sandbox);
        _world.Telephony.Routed.Clear();

        var set = await _world.Handle(new SetSipAddresses(_world.Ada, "acme", AgentEnvironment.Live, "sip:new@acme.example.com", "sip:backup@acme.example.com"));

        Assert.Equal([live.Number], set.Rerouted.Moved);
        Assert.Empty(set.Rerouted.Failures);
        var routed = Assert.Single(_world.Telephony.Routed);
        Assert.Equal((live.Number, AgentEnvironment.Live, new SipAddresses("sip:new@acme.example.com", "sip:backup@acme.example.com")),
            (routed.Number.Number, routed.Environment, routed.Sip));
        Assert.Equal("sip:new@acme.example.com", (await _world.Projects.FindAsync("acme", default))!.SipFor(AgentEnvironment.Live).Main);
        var entry = _world.Audit.Entries.Last(e => e.Action == AuditActions.SipChanged);
        Assert.Equal((AuditActions.SipChanged, "Live: main sip:live@acme.voice.example.com, fallback sip:live-fallback@acme.voice.example.com",
            "Live: main sip:new@acme.example.com, fallback sip:backup@acme.example.com"), (entry.Action, entry.Before, entry.After));
    }

    [Fact]
    public async Task A_failed_reroute_is_reported_and_the_new_addresses_stay()
    {
        var live = await _world.NumberIn(AgentEnvironment.Live);
        _world.Telephony.RefuseRouting = "Twilio is down.";

        var set = await _world.Handle(new SetSipAddresses(_world.Ada, "acme", AgentEnvironment.Live, "sip:new@acme.example.com", "sip:backup@acme.example.com"));

        Assert.Empty(set.Rerouted.Moved);
        Assert.Equal($"{live.Number.Display} still goes to the old addresses: Twilio is down.", Assert.Single(set.Rerouted.Failures));
        Assert.Equal("sip:new@acme.example.com", (await _world.Projects.FindAsync("acme", default))!.SipFor(AgentEnvironment.Live).Main);
    }

    [Fact]
    public async Task A_SIP_address_that_is_not_a_SIP_URI_changes_nothing()
    {
        var refusal = await _world.Handle(new SetSipAddresses(_world.Ada, "acme", AgentEnvironment.Live, "https://acme.example.com", "sip:b@acme.example.com"))
            .Refused(RefusalKind.Invalid);

        Assert.Contains("is not a SIP URI", refusal.Message);
        Assert.Empty(_world.Audit.Entries);
    }

    [Fact]
    public async Task Only_an_admin_changes_SIP_addresses()
    {
        await _world.Handle(new SetSipAddresses(_world.Mel, "acme", AgentEnvironment.Live, "sip:a@x.example.com", "sip:b@x.example.com"))
            .Refused(RefusalKind.Forbidden);
    }

    [Fact]
    public async Task A_customer_Twilio_account_must_be_configured_before_it_is_chosen()
    {
        var created = (await _world.Handle(new CreateProject(_world.Ada, "Beta", true))).Project;

        var refusal = await _world.Handle(new ChooseTelephonyIntegration(_world.Ada, "Beta", TelephonyIntegration.CustomerTwilio)).Refused(RefusalKind.Invalid);
        Assert.Contains("Configure Twilio:Customers:beta.", refusal.Message);

        _world.CustomerAccounts.Configured.Add(created.Id);
        var chosen = await _world.Handle(new ChooseTelephonyIntegration(_world.Ada, "Beta", TelephonyIntegration.CustomerTwilio));
        Assert.Equal((TelephonyIntegration.None, TelephonyIntegration.CustomerTwilio), (chosen.Before, chosen.Project.Integration));
        Assert.Equal(("no telephony integration", "the customer's own Twilio account"), (_world.Audit.Entries[^1].Before, _world.Audit.Entries[^1].After));
    }

    [Fact]
    public async Task The_integration_does_not_change_under_existing_numbers()
    {
        await _world.NumberIn(AgentEnvironment.Sandbox);

        var refusal = await _world.Handle(new ChooseTelephonyIntegration(_world.Ada, "acme", TelephonyIntegration.None)).Refused(RefusalKind.Conflict);

        Assert.Contains("delete them before changing its telephony integration", refusal.Message);
    }

    [Fact]
    public async Task With_several_projects_the_person_is_asked_once_per_conversation()
    {
        _world.AddProject("other", "Other");

        var first = await _world.Handle(new ChooseProject(_world.Rita, "conversation-1", null));
        Assert.Null(first.Chosen);
        Assert.Equal(["Acme Support", "Other"], first.Choices.Select(p => p.Name));

        await _world.Handle(new ChooseProject(_world.Rita, "conversation-1", "Other"));

        Assert.Equal("other", (await _world.Handle(new ChooseProject(_world.Rita, "conversation-1", null))).Chosen!.Id);
        Assert.Null((await _world.Handle(new ChooseProject(_world.Rita, "conversation-2", null))).Chosen);
        Assert.Null((await _world.Handle(new ChooseProject(_world.Mel, "conversation-1", null))).Chosen);
    }

    [Fact]
    public async Task With_no_active_project_the_choice_says_who_creates_one_instead_of_refusing()
    {
        await _world.Handle(new ArchiveProject(_world.Ada, "Acme Support"));

        var forAdmin = await _world.Handle(new ChooseProject(_world.Ada, "c", null));
        var forMember = await _world.Handle(new ChooseProject(_world.Rita, "c", null));

        Assert.Null(forAdmin.Chosen);
        Assert.Empty(forAdmin.Choices);
        Assert.Contains("project new <name>", forAdmin.NoneYet);
        Assert.Contains("A NumbersBot admin creates them", forMember.NoneYet);
    }

    [Fact]
    public async Task The_only_project_needs_no_choice()
    {
        Assert.Equal("acme", (await _world.Handle(new ChooseProject(_world.Rita, "c", null))).Chosen!.Id);
    }

    [Fact]
    public async Task A_project_created_without_variants_takes_none()
    {
        await _world.Handle(new CreateProject(_world.Ada, "Plain", UsesVariants: false));

        var refusal = await _world.Handle(new CreateVariant(_world.Ada, "Plain", "London")).Refused(RefusalKind.Invalid);

        Assert.Contains("was created without variants", refusal.Message);
    }

    [Fact]
    public async Task A_projects_history_shows_its_settings_newest_first()
    {
        await _world.Handle(new RenameProject(_world.Ada, "acme", "Acme Care"));
        await _world.Handle(new SetSipAddresses(_world.Ada, "acme", AgentEnvironment.Sandbox, "sip:s@x.example.com", "sip:f@x.example.com"));

        var history = await _world.Handle(new ShowProjectHistory(_world.Rita, "Acme Care"));

        Assert.Equal([AuditActions.SipChanged, AuditActions.ProjectRenamed], history.Entries.Select(e => e.Action));
    }

    [Fact]
    public async Task Access_history_is_for_admins()
    {
        await _world.Handle(new GrantAccess(_world.Ada, "local:zed", "Zed", Role.Member, AccessLevel.Edit, AccessLevel.None));

        Assert.Equal(AuditActions.AccessGranted, Assert.Single((await _world.Handle(new ShowAccessHistory(_world.Grace))).Entries).Action);
        await _world.Handle(new ShowAccessHistory(_world.Mel)).Refused(RefusalKind.Forbidden);
    }
}
