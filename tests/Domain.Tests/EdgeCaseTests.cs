namespace NumbersBot.Domain.Tests;

public sealed class EdgeCaseTests
{
    private readonly DomainWorld _world = new();

    [Fact]
    public async Task Renaming_a_variant_by_name_to_its_own_name_in_another_case_is_allowed()
    {
        await _world.Draft("london");

        var renamed = await _world.Handle(new RenameVariant(_world.Ada, null, "london", "London"));

        Assert.Equal("London", renamed.After.Name);
    }

    [Fact]
    public async Task Deciding_a_deletion_in_a_project_without_an_integration_answers_with_the_no_integration_message()
    {
        var world = new DomainWorld(TelephonyIntegration.None);
        var number = world.SeedNumber(world.Project.Id, "+14155550123", AgentEnvironment.Live);
        var request = ApprovalRequest.ToDelete(Guid.NewGuid(), number, world.Mel, DomainWorld.Start, ApprovalPolicy.Default);
        await world.Approvals.AddAsync(request, default);

        var refusal = await world.Decide(request, world.Grace).Refused(RefusalKind.NoIntegration);

        Assert.Equal(Project.NoIntegrationMessage, refusal.Message);
        Assert.Empty(world.Telephony.Released);
    }

    [Fact]
    public async Task Variant_deleted_callout_clears_once_the_deletion_is_published()
    {
        await _world.Publish("London", "Leeds");
        await _world.NumberIn(AgentEnvironment.Sandbox, variant: "Leeds");
        await _world.Handle(new DeleteVariant(_world.Ada, null, "Leeds"));

        await _world.Publish();

        Assert.Empty((await _world.Page()).Callouts);
    }

    [Fact]
    public async Task Overdue_requests_are_not_shown_as_pending_on_the_numbers_page()
    {
        await _world.LiveDeletionRequested();
        _world.Clock.Advance(TimeSpan.FromMinutes(60));

        Assert.Null((await _world.Page()).Environments[2].Numbers.Single().PendingApprovalId);
    }

    [Fact]
    public async Task A_request_expired_by_asking_again_is_in_the_history()
    {
        var number = await _world.NumberIn(AgentEnvironment.Live);
        await _world.Delete(number, _world.Mel);
        _world.Clock.Advance(TimeSpan.FromMinutes(61));

        await _world.Delete(number, _world.Mel);

        Assert.Contains(AuditActions.ApprovalExpired, _world.Audit.Actions);
    }

    [Fact]
    public void Teams_keys_ignore_the_case_of_the_tenant_id() =>
        Assert.Equal(
            UserRef.ParseKey("teams:72F988BF-86F1-41AF-91AB-2D7CD011DB47:oid"),
            UserRef.ParseKey("teams:72f988bf-86f1-41af-91ab-2d7cd011db47:oid"));

    [Theory]
    [InlineData("+1 415 555 0123 ext. 12")]
    [InlineData("+1-800-FLOWERS")]
    public void ParseE164_refuses_what_E164_cannot_say(string text) =>
        Refusals.Refused(() => PhoneNumber.ParseE164(text), RefusalKind.Invalid);

    [Theory]
    [InlineData(Country.US, "416")] // Toronto
    [InlineData(Country.Canada, "212")] // New York
    [InlineData(Country.US, "876")] // Jamaica
    public void An_area_code_of_another_country_is_refused(Country country, string areaCode) =>
        Refusals.Refused(() => AreaCode.ParseFor(country, areaCode), RefusalKind.Invalid);

    [Fact]
    public async Task A_request_key_reused_for_a_different_purchase_is_refused()
    {
        await _world.Add(AgentEnvironment.Sandbox, Country.US, key: "click-1");

        await _world.Add(AgentEnvironment.Live, Country.UK, key: "click-1").Refused(RefusalKind.Conflict);
    }
}

public sealed class OutcomeWordingTests
{
    [Fact]
    public void Outcome_times_are_shown_in_UTC_whatever_offset_storage_returns()
    {
        var asked = new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.FromHours(1));
        var request = new ApprovalRequest(Guid.NewGuid(), "acme", Guid.NewGuid(), "+14155550123", AgentEnvironment.Live, 0,
            UserRef.Local("mel"), "Mel", asked, asked.AddHours(1));

        Assert.Equal("Waiting for approval until 2025-03-03 10:00 UTC.", request.Outcome);
    }
}
