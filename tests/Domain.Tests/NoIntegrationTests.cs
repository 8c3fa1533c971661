namespace NumbersBot.Domain.Tests;

/// <summary>Without a telephony integration, every number action gives the same answer, even to an admin.</summary>
public sealed class NoIntegrationTests
{
    private readonly DomainWorld _world = new(TelephonyIntegration.None);

    private static void AssertNoIntegration(DomainException refusal) => Assert.Equal(Project.NoIntegrationMessage, refusal.Message);

    [Fact]
    public void The_message_asks_to_contact_the_team() =>
        Assert.Contains("Contact the PolyAI team", Project.NoIntegrationMessage);

    [Fact]
    public async Task Showing_numbers_answers_with_the_no_integration_message() =>
        AssertNoIntegration(await _world.Page().Refused(RefusalKind.NoIntegration));

    [Fact]
    public async Task Adding_a_number_answers_with_the_no_integration_message_and_buys_nothing()
    {
        AssertNoIntegration(await _world.Add(AgentEnvironment.Sandbox).Refused(RefusalKind.NoIntegration));

        Assert.Empty(_world.Telephony.Orders);
    }

    [Fact]
    public async Task Connecting_a_number_answers_with_the_no_integration_message()
    {
        _world.Telephony.CustomerHas("+14155550123");

        AssertNoIntegration(await _world.Handle(new ConnectNumber(_world.Ada, _world.Project.Id, AgentEnvironment.Sandbox, "+14155550123", null))
            .Refused(RefusalKind.NoIntegration));
        Assert.Empty(_world.Numbers.All);
    }

    [Fact]
    public async Task Reassigning_a_variant_answers_with_the_no_integration_message()
    {
        await _world.Publish("London");
        var number = _world.SeedNumber(_world.Project.Id, "+14155550123", AgentEnvironment.Sandbox);

        AssertNoIntegration(await _world.Handle(new ReassignVariant(_world.Ada, number.Id, "London", null)).Refused(RefusalKind.NoIntegration));
    }

    [Fact]
    public async Task Deleting_a_number_answers_with_the_no_integration_message()
    {
        var number = _world.SeedNumber(_world.Project.Id, "+14155550123", AgentEnvironment.Sandbox);

        AssertNoIntegration(await _world.Delete(number).Refused(RefusalKind.NoIntegration));
        Assert.Single(_world.Numbers.All);
        Assert.Empty(_world.Telephony.Released);
    }

    [Fact]
    public async Task Access_is_checked_before_the_integration()
    {
        var refusal = await _world.Page(_world.Nora).Refused(RefusalKind.Forbidden);

        Assert.Contains("you need Read access", refusal.Message);
    }
}
