namespace NumbersBot.Domain.Tests;

public sealed class HistoryTests
{
    private readonly DomainWorld _world = new();

    private Task<NumberHistory> History(string number, Actor? by = null) => _world.Handle(new ShowHistory(by ?? _world.Rita, number));

    [Fact]
    public async Task A_numbers_history_lists_its_changes_oldest_first()
    {
        await _world.Publish("London");
        var number = await _world.NumberIn(AgentEnvironment.Sandbox);
        _world.Clock.Advance(TimeSpan.FromMinutes(5));
        await _world.Handle(new ReassignVariant(_world.Mel, number.Id, "London", null));
        _world.Clock.Advance(TimeSpan.FromMinutes(5));
        await _world.Delete(_world.Numbers.Stored(number.Id)!);

        var history = await History(number.Number.E164);

        Assert.Equal([AuditActions.NumberAdded, TelephonyAudit.Routed, AuditActions.VariantReassigned, AuditActions.NumberDeleted],
            history.Entries.Select(e => e.Action));
        Assert.Equal([DomainWorld.Start, DomainWorld.Start, DomainWorld.Start.AddMinutes(5), DomainWorld.Start.AddMinutes(10)], history.Entries.Select(e => e.At));
    }

    [Fact]
    public async Task History_leaves_out_other_numbers_and_project_changes()
    {
        await _world.Publish("London");
        var number = await _world.NumberIn(AgentEnvironment.Sandbox);
        await _world.NumberIn(AgentEnvironment.Sandbox);

        var history = await History(number.Number.E164);

        Assert.All(history.Entries, e => Assert.Equal(number.Number.E164, e.Number));
        Assert.Equal([AuditActions.NumberAdded, TelephonyAudit.Routed], history.Entries.Select(e => e.Action));
    }

    [Fact]
    public async Task History_finds_a_number_written_nationally()
    {
        var number = (await _world.Add(AgentEnvironment.Sandbox, Country.US, areaCode: "415")).Number;

        var history = await History(number.Number.E164[2..]);

        Assert.Equal(number.Number, history.Number);
        Assert.Equal(AuditActions.NumberAdded, history.Entries[0].Action);
    }

    [Fact]
    public async Task History_needs_Numbers_Read()
    {
        var number = await _world.NumberIn(AgentEnvironment.Sandbox);

        var refusal = await History(number.Number.E164, _world.Nora).Refused(RefusalKind.Forbidden);

        Assert.Contains("you need Read access", refusal.Message);
    }

    [Fact]
    public async Task History_of_something_that_is_not_a_number_is_refused() =>
        await History("extension 12").Refused(RefusalKind.Invalid);
}
