using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Tests.Hosting;
using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>
/// A turn reads its gate (access, project, catalog) once: the card after an action reuses the action's read, by the
/// project's name or id, until the turn writes access, a project or a catalog.
/// </summary>
public class GateReadMemoryTests
{
    private static readonly UserRef Carol = UserRef.Local("carol");

    [Fact]
    public async Task The_same_gate_read_in_one_turn_costs_one_query_by_name_or_id()
    {
        using var app = new NumbersBotApp();
        app.CreateClient();
        await using var turn = app.Services.CreateAsyncScope();
        var gate = turn.ServiceProvider.GetRequiredService<IGateReads>();
        using var listener = StatementCounter.Listen();

        var (first, queries, _) = await StatementCounter.CountAsync(async () =>
        {
            var read = await gate.ReadAsync(Carol, [], "Demo Agent", AccessLevel.Read, CancellationToken.None);
            Assert.Same(read, await gate.ReadAsync(Carol, [], read.Project!.Id, AccessLevel.Read, CancellationToken.None));
            Assert.Same(read, await gate.ReadAsync(Carol, [], "Demo Agent", AccessLevel.Read, CancellationToken.None));
            return read;
        });

        Assert.Equal(1, queries);
        Assert.NotNull(first.Catalog);
        await using var nextTurn = app.Services.CreateAsyncScope();
        Assert.NotSame(first, await nextTurn.ServiceProvider.GetRequiredService<IGateReads>()
            .ReadAsync(Carol, [], "Demo Agent", AccessLevel.Read, CancellationToken.None));
    }

    [Fact]
    public async Task The_choice_of_project_brings_the_chosen_projects_gate_read_until_the_turn_writes()
    {
        using var app = new NumbersBotApp();
        app.CreateClient();
        await using var turn = app.Services.CreateAsyncScope();
        var gate = turn.ServiceProvider.GetRequiredService<IGateReads>();
        var projects = turn.ServiceProvider.GetRequiredService<IProjectRepository>();
        using var listener = StatementCounter.Listen();

        var (chosen, queries, _) = await StatementCounter.CountAsync(async () =>
        {
            var choice = await gate.ReadProjectsAsync(Carol, [], "local:room-1", CancellationToken.None);
            var read = await gate.ReadAsync(Carol, [], choice.Projects.Single().Id, AccessLevel.Read, CancellationToken.None);
            Assert.Same(choice.People, read.People);
            return read;
        });
        var project = (await projects.FindAsync(chosen.Project!.Id, CancellationToken.None))!;
        project.Rename("Demo Agent (renamed)");
        await projects.SaveAsync(project, CancellationToken.None);
        var after = await gate.ReadAsync(Carol, [], project.Id, AccessLevel.Read, CancellationToken.None);

        Assert.Equal(1, queries);
        Assert.NotNull(chosen.Catalog);
        Assert.Equal("Demo Agent (renamed)", after.Project!.Name);
    }

    [Fact]
    public async Task The_only_active_project_is_brought_with_the_choice_beside_an_archived_one()
    {
        using var app = new NumbersBotApp();
        app.CreateClient();
        await using (var setup = app.Services.CreateAsyncScope())
        {
            var projects = setup.ServiceProvider.GetRequiredService<IProjectRepository>();
            var demo = (await projects.ListAsync(CancellationToken.None)).Single();
            var old = new Project("old", "Old Agent", demo.Integration, demo.Sip);
            old.Archive();
            await projects.AddAsync(old, CancellationToken.None);
        }
        await using var turn = app.Services.CreateAsyncScope();
        var gate = turn.ServiceProvider.GetRequiredService<IGateReads>();
        using var listener = StatementCounter.Listen();

        var (read, queries, _) = await StatementCounter.CountAsync(async () =>
        {
            var choice = await gate.ReadProjectsAsync(Carol, [], "local:room-1", CancellationToken.None);
            Assert.Equal(2, choice.Projects.Count);
            return await gate.ReadAsync(Carol, [], choice.Projects.Single(p => !p.Archived).Id, AccessLevel.Read, CancellationToken.None);
        });

        Assert.Equal(1, queries);
        Assert.Equal("demo", read.Project!.Id);
        Assert.Equal("demo", read.Catalog!.ProjectId);
    }

    [Fact]
    public async Task A_number_read_with_its_gate_is_kept_for_the_turn_until_the_turn_writes()
    {
        using var app = new NumbersBotApp();
        app.CreateClient();
        await using var turn = app.Services.CreateAsyncScope();
        var gate = turn.ServiceProvider.GetRequiredService<IGateReads>();
        var numbers = turn.ServiceProvider.GetRequiredService<INumberRepository>();
        var id = (await numbers.ListAsync("demo", CancellationToken.None))[0].Id;
        using var listener = StatementCounter.Listen();

        var (first, queries, _) = await StatementCounter.CountAsync(async () =>
        {
            var (read, number) = await gate.ReadForNumberAsync(Carol, [], id, CancellationToken.None);
            Assert.Same(number, (await gate.ReadForNumberAsync(Carol, [], id, CancellationToken.None)).Number);
            Assert.Same(read, await gate.ReadAsync(Carol, [], number!.ProjectId, AccessLevel.Read, CancellationToken.None));
            return number;
        });
        await numbers.SetReachabilityAsync(id, Reachability.Unreachable, "refused", CancellationToken.None);
        var (_, again) = await gate.ReadForNumberAsync(Carol, [], id, CancellationToken.None);

        Assert.Equal(1, queries);
        Assert.Equal((Reachability.Routed, Reachability.Unreachable), (first.Reachability, again!.Reachability));
    }

    [Fact]
    public async Task A_remembered_read_answers_only_the_asker_and_admins_it_was_read_for_whether_by_project_or_by_number()
    {
        using var app = new NumbersBotApp();
        app.CreateClient();
        await using var turn = app.Services.CreateAsyncScope();
        var gate = turn.ServiceProvider.GetRequiredService<IGateReads>();
        var id = (await turn.ServiceProvider.GetRequiredService<INumberRepository>().ListAsync("demo", CancellationToken.None))[0].Id;
        var dave = UserRef.Local("dave");
        var (byNumber, _) = await gate.ReadForNumberAsync(Carol, [], id, CancellationToken.None);

        Assert.NotSame(byNumber, await gate.ReadAsync(dave, [], "demo", AccessLevel.Read, CancellationToken.None));
        Assert.NotSame(byNumber, (await gate.ReadForNumberAsync(Carol, ["local:fay"], id, CancellationToken.None)).Read);
        var forFay = await gate.ReadAsync(Carol, ["local:fay"], "demo", AccessLevel.Read, CancellationToken.None);
        Assert.Same(forFay, await gate.ReadAsync(Carol, ["local:fay"], "demo", AccessLevel.Read, CancellationToken.None));
        Assert.NotSame(forFay, (await gate.ReadForNumberAsync(dave, ["local:fay"], id, CancellationToken.None)).Read);
    }

    [Fact]
    public async Task A_change_to_access_in_the_turn_is_read_again()
    {
        using var app = new NumbersBotApp();
        app.CreateClient();
        await using var turn = app.Services.CreateAsyncScope();
        var gate = turn.ServiceProvider.GetRequiredService<IGateReads>();
        var before = await gate.ReadAsync(Carol, [], "Demo Agent", AccessLevel.Read, CancellationToken.None);
        var carol = before.People.Single(p => p.User == Carol);

        await turn.ServiceProvider.GetRequiredService<IAccessRepository>().SaveAsync(carol with { Numbers = AccessLevel.None }, CancellationToken.None);
        var after = await gate.ReadAsync(Carol, [], "Demo Agent", AccessLevel.Read, CancellationToken.None);

        Assert.Equal(AccessLevel.None, after.People.Single(p => p.User == Carol).Numbers);
        Assert.NotEqual(AccessLevel.None, carol.Numbers);
    }

    [Fact]
    public async Task A_read_after_a_rolled_back_change_in_the_turn_is_read_again()
    {
        using var app = new NumbersBotApp();
        app.CreateClient();
        await using var turn = app.Services.CreateAsyncScope();
        var gate = turn.ServiceProvider.GetRequiredService<IGateReads>();
        var projects = turn.ServiceProvider.GetRequiredService<IProjectRepository>();
        var id = (await gate.ReadAsync(Carol, [], "Demo Agent", AccessLevel.Read, CancellationToken.None)).Project!.Id;

        await using (var work = await turn.ServiceProvider.GetRequiredService<IUnitOfWork>().BeginAsync(CancellationToken.None))
        {
            var project = (await projects.FindAsync(id, CancellationToken.None))!;
            project.Rename("Renamed Agent");
            await projects.SaveAsync(project, CancellationToken.None);
            Assert.Equal("Renamed Agent", (await gate.ReadAsync(Carol, [], id, AccessLevel.Read, CancellationToken.None)).Project!.Name);
        }

        Assert.Equal("Demo Agent", (await gate.ReadAsync(Carol, [], id, AccessLevel.Read, CancellationToken.None)).Project!.Name);
    }
}
