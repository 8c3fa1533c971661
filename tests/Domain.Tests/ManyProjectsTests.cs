namespace NumbersBot.Domain.Tests;

public sealed class ManyProjectsTests
{
    private readonly DomainWorld _world = new();

    [Fact]
    public async Task With_one_project_it_need_not_be_named() =>
        Assert.Equal(_world.Project.Id, (await _world.Page()).Project.Id);

    [Fact]
    public async Task With_several_projects_an_unnamed_one_is_refused_with_the_list()
    {
        _world.AddProject("beta", "Beta Bank");

        var refusal = await _world.Page().Refused(RefusalKind.Invalid);

        Assert.Equal("Which project? Projects: Acme Support, Beta Bank.", refusal.Message);
    }

    [Fact]
    public async Task An_unknown_project_is_not_found_and_the_known_ones_are_listed()
    {
        _world.AddProject("beta", "Beta Bank");

        var refusal = await _world.Page(project: "Gamma").Refused(RefusalKind.NotFound);

        Assert.Equal("There is no project 'Gamma'. Projects: Acme Support, Beta Bank. `projects` lists the projects and `help` the commands.", refusal.Message);
    }

    [Theory]
    [InlineData("beta")]
    [InlineData("BETA BANK")]
    [InlineData(" Beta Bank ")]
    public async Task A_project_is_found_by_id_or_by_name_ignoring_case(string reference)
    {
        var beta = _world.AddProject("beta", "Beta Bank");

        Assert.Equal(beta.Id, (await _world.Page(project: reference)).Project.Id);
    }

    [Fact]
    public async Task Each_project_shows_only_its_own_numbers()
    {
        var beta = _world.AddProject("beta", "Beta Bank");
        _world.SeedNumber(beta.Id, "+14155550123", AgentEnvironment.Sandbox);
        await _world.NumberIn(AgentEnvironment.Sandbox);

        var acme = await _world.Page(project: "acme");

        Assert.DoesNotContain(acme.Environments.SelectMany(e => e.Numbers), n => n.Number.E164 == "+14155550123");
        Assert.Single(acme.Environments.SelectMany(e => e.Numbers));
    }

    [Fact]
    public async Task Variant_actions_also_need_the_project_named_when_there_are_several()
    {
        _world.AddProject("beta", "Beta Bank");

        await _world.Handle(new CreateVariant(_world.Ada, null, "London")).Refused(RefusalKind.Invalid);
        await _world.Handle(new CreateVariant(_world.Ada, "Beta Bank", "London"));

        Assert.Single((await _world.Variants.GetAsync("beta", default)).Drafts);
    }
}
