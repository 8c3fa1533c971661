using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class RepositorySuite
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
    public async Task Everyones_access_is_listed_by_name()
    {
        await using var bot = NewInstance();
        await bot.Access.SaveAsync(Carol, Ct);
        await bot.Access.SaveAsync(Bob, Ct);

        Assert.Equal([Bob, Carol], await bot.Access.ListAsync(Ct));
    }
}
