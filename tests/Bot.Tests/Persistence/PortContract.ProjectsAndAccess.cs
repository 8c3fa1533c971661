using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class PortContract
{
    [SkippableFact]
    public async Task A_project_reads_back_with_its_integration_and_every_sip_address()
    {
        var project = NewProject("alpha", "Alpha Agent", TelephonyIntegration.CustomerTwilio);
        await using (var bot = NewInstance()) await bot.Projects.AddAsync(project, Ct);

        await using var reader = NewInstance();
        Assert.Equivalent(project, await reader.Projects.FindAsync("alpha", Ct), strict: true);
    }

    [SkippableFact]
    public async Task A_project_is_held_as_read_only_while_it_has_not_changed_since()
    {
        await using (var bot = NewInstance()) await bot.Projects.AddAsync(NewProject("alpha", "Alpha Agent"), Ct);
        await using var other = NewInstance();
        var read = (await other.Projects.FindAsync("alpha", Ct))!;

        Assert.True(await other.Projects.HoldAsync(read, Ct));
        await using (var bot = NewInstance())
        {
            var changed = (await bot.Projects.FindAsync("alpha", Ct))!;
            changed.SetSip(AgentEnvironment.Live, new SipAddresses("sip:moved@alpha.voice.example.com", "sip:moved-fallback@alpha.voice.example.com"));
            await bot.Projects.SaveAsync(changed, Ct);
        }
        Assert.False(await other.Projects.HoldAsync(read, Ct));
        Assert.True(await other.Projects.HoldAsync((await other.Projects.FindAsync("alpha", Ct))!, Ct));
    }

    [SkippableFact]
    public async Task Projects_are_listed_by_name()
    {
        await using var bot = NewInstance();
        await bot.Projects.AddAsync(NewProject("z", "Beta"), Ct);
        await bot.Projects.AddAsync(NewProject("a", "Gamma", TelephonyIntegration.None), Ct);
        await bot.Projects.AddAsync(NewProject("m", "Alpha"), Ct);

        Assert.Equal(["Alpha", "Beta", "Gamma"], (await bot.Projects.ListAsync(Ct)).Select(p => p.Name));
    }

    [SkippableFact]
    public async Task A_project_is_found_by_its_id_or_by_its_name_in_any_case()
    {
        await using var bot = NewInstance();
        await bot.Projects.AddAsync(NewProject("alpha", "Alpha Agent"), Ct);
        await bot.Projects.AddAsync(NewProject("alpha agent", "Shadow"), Ct);

        Assert.Equal("alpha", (await bot.Projects.FindAsync("ALPHA AGENT", Ct))!.Id);
        Assert.Equal("alpha agent", (await bot.Projects.FindAsync("alpha agent", Ct))!.Id);
        Assert.Null(await bot.Projects.FindAsync("nobody", Ct));
    }

    [SkippableFact]
    public async Task Adding_a_project_whose_id_is_taken_is_refused()
    {
        await using var bot = NewInstance();
        await bot.Projects.AddAsync(NewProject("alpha", "Alpha"), Ct);

        var refused = await Assert.ThrowsAsync<DomainException>(() => bot.Projects.AddAsync(NewProject("alpha", "Other"), Ct));
        Assert.Equal(RefusalKind.Conflict, refused.Kind);
    }

    [SkippableFact]
    public async Task A_persons_access_reads_back_with_every_field()
    {
        var access = new UserAccess(UserRef.Teams("tenant-1", "ABC-def"), "Dana", Role.Member, AccessLevel.Edit, AccessLevel.Read);
        await using (var bot = NewInstance()) await bot.Access.SaveAsync(access, Ct);

        await using var reader = NewInstance();
        Assert.Equal(access, await reader.Access.FindAsync(UserRef.Teams("tenant-1", "abc-def"), Ct));
        Assert.Null(await reader.Access.FindAsync(UserRef.Local("nobody"), Ct));
    }

    [SkippableFact]
    public async Task Saving_a_persons_access_again_replaces_it()
    {
        await using var bot = NewInstance();
        await bot.Access.SaveAsync(Bob with { Role = Role.Member, Numbers = AccessLevel.Read }, Ct);
        await bot.Access.SaveAsync(Bob with { DisplayName = "Robert" }, Ct);

        Assert.Equal([Bob with { DisplayName = "Robert" }], await bot.Access.ListAsync(Ct));
    }

    [SkippableFact]
    public async Task A_name_is_set_only_while_it_is_still_the_placeholder()
    {
        await using var bot = NewInstance();
        var picked = new UserAccess(UserRef.Teams("tenant-1", "0c4e"), "0c4e", Role.Member, AccessLevel.Read, AccessLevel.None);
        await bot.Access.SaveAsync(picked, Ct);

        await bot.Access.NameAsync(picked.User, "0c4e", "Priya Shah", Ct);
        await bot.Access.NameAsync(picked.User, "0c4e", "Someone Else", Ct);

        Assert.Equal(picked with { DisplayName = "Priya Shah" }, await bot.Access.FindAsync(picked.User, Ct));
    }

    [SkippableFact]
    public async Task Everyones_access_is_listed_by_name()
    {
        await using var bot = NewInstance();
        await bot.Access.SaveAsync(Carol, Ct);
        await bot.Access.SaveAsync(Bob, Ct);

        Assert.Equal([Bob, Carol], await bot.Access.ListAsync(Ct));
    }

    [SkippableFact]
    public async Task A_project_saved_with_changes_reads_back_with_them_and_a_new_version()
    {
        await using (var bot = NewInstance())
            await bot.Projects.AddAsync(new Project("beta", "Beta", TelephonyIntegration.None,
                new Dictionary<NumbersBot.Domain.Environments.AgentEnvironment, NumbersBot.Domain.Environments.SipAddresses>(), usesVariants: false), Ct);

        await using (var bot = NewInstance())
        {
            var project = (await bot.Projects.FindAsync("beta", Ct))!;
            Assert.Empty(project.Sip);
            Assert.False(project.UsesVariants);
            project.Rename("Beta Bank");
            project.ChooseIntegration(TelephonyIntegration.CustomerTwilio);
            project.SetSip(NumbersBot.Domain.Environments.AgentEnvironment.Live, new("sip:live@beta.example.com", "sip:backup@beta.example.com"));
            project.Archive();
            await bot.Projects.SaveAsync(project, Ct);
        }

        await using var reader = NewInstance();
        var stored = (await reader.Projects.FindAsync("beta bank", Ct))!;
        Assert.Equal(("Beta Bank", TelephonyIntegration.CustomerTwilio, true, false, 1), (stored.Name, stored.Integration, stored.Archived, stored.UsesVariants, stored.Version));
        Assert.Equal(new NumbersBot.Domain.Environments.SipAddresses("sip:live@beta.example.com", "sip:backup@beta.example.com"),
            Assert.Single(stored.Sip).Value);
    }

    [SkippableFact]
    public async Task Saving_a_project_someone_else_changed_first_is_refused()
    {
        await using (var bot = NewInstance()) await bot.Projects.AddAsync(NewProject("alpha", "Alpha"), Ct);
        await using var first = NewInstance();
        await using var second = NewInstance();
        var mine = (await first.Projects.FindAsync("alpha", Ct))!;
        var theirs = (await second.Projects.FindAsync("alpha", Ct))!;
        theirs.Rename("Theirs");
        await second.Projects.SaveAsync(theirs, Ct);

        mine.Rename("Mine");
        var refused = await Assert.ThrowsAsync<DomainException>(() => first.Projects.SaveAsync(mine, Ct));

        Assert.Equal(RefusalKind.Conflict, refused.Kind);
        Assert.Equal("Theirs", (await first.Projects.FindAsync("alpha", Ct))!.Name);
    }

    [SkippableFact]
    public async Task A_project_choice_is_remembered_per_person_and_conversation_and_replaced()
    {
        await using var bot = NewInstance();
        await bot.Choices.RememberAsync("slack:T1:U1", "C1", "alpha", Ct);
        await bot.Choices.RememberAsync("slack:T1:U1", "C1", "beta", Ct);
        await bot.Choices.RememberAsync("slack:T1:U2", "C1", "alpha", Ct);

        await using var reader = NewInstance();
        Assert.Equal("beta", await reader.Choices.FindAsync("slack:T1:U1", "C1", Ct));
        Assert.Equal("alpha", await reader.Choices.FindAsync("slack:T1:U2", "C1", Ct));
        Assert.Null(await reader.Choices.FindAsync("slack:T1:U1", "C2", Ct));
    }

    [SkippableFact]
    public async Task Entries_outside_any_project_are_listed_newest_first()
    {
        await using var bot = NewInstance();
        await bot.Audit.AppendAsync(NewEntry(Now, AuditActions.AccessGranted, projectId: null, number: null), Ct);
        await bot.Audit.AppendAsync(NewEntry(Now.AddMinutes(1), AuditActions.ProjectCreated, projectId: "alpha", number: null), Ct);
        await bot.Audit.AppendAsync(NewEntry(Now.AddMinutes(2), "access.revoked", projectId: null, number: null), Ct);

        Assert.Equal(["access.revoked", AuditActions.AccessGranted], (await bot.Audit.OutsideProjectsAsync(10, Ct)).Select(e => e.Action));
        Assert.Single(await bot.Audit.OutsideProjectsAsync(1, Ct));
    }
}
