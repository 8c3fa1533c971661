namespace NumbersBot.Domain.Tests;

public sealed class DeleteNumberTests
{
    private readonly DomainWorld _world = new();

    [Fact]
    public async Task Unconfirmed_live_delete_asks_for_confirmation_with_the_live_warning()
    {
        var number = await _world.NumberIn(AgentEnvironment.Live);

        var outcome = Assert.IsType<DeletionNeedsConfirmation>(await _world.Delete(number, confirmed: false));

        Assert.Equal("Deleting a live number removes it immediately. Calls to that number will stop reaching your agent.", outcome.Warning);
    }

    [Theory]
    [InlineData(AgentEnvironment.Sandbox)]
    [InlineData(AgentEnvironment.PreRelease)]
    public async Task Unconfirmed_delete_outside_Live_asks_for_confirmation_without_a_warning(AgentEnvironment environment)
    {
        var number = await _world.NumberIn(environment);

        var outcome = Assert.IsType<DeletionNeedsConfirmation>(await _world.Delete(number, confirmed: false));

        Assert.Null(outcome.Warning);
    }

    [Fact]
    public async Task Unconfirmed_delete_changes_nothing()
    {
        var number = await _world.NumberIn(AgentEnvironment.Sandbox);

        await _world.Delete(number, confirmed: false);

        Assert.Single(_world.Numbers.All);
        Assert.Empty(_world.Telephony.Released);
        Assert.Empty(_world.Approvals.All);
    }

    [Theory]
    [InlineData(AgentEnvironment.Sandbox)]
    [InlineData(AgentEnvironment.PreRelease)]
    public async Task Confirmed_delete_outside_Live_releases_and_removes_the_number(AgentEnvironment environment)
    {
        var number = await _world.NumberIn(environment);

        var outcome = Assert.IsType<NumberDeleted>(await _world.Delete(number, _world.Mel));

        Assert.True(outcome.Released);
        Assert.Equal(number.Number, Assert.Single(_world.Telephony.Released).Number);
        Assert.Empty(_world.Numbers.All);
        var entry = _world.Audit.Entries[^1];
        Assert.Equal((AuditActions.NumberDeleted, "local:mel", "deleted; released to the pool"), (entry.Action, entry.ActorKey, entry.After));
    }

    [Fact]
    public async Task Deleting_a_connected_Twilio_number_only_detaches_it()
    {
        _world.Telephony.CustomerHas("+14155550123");
        var number = (await _world.Handle(new ConnectNumber(_world.Ada, _world.Project.Id, AgentEnvironment.Sandbox, "+14155550123", null))).Number;

        var outcome = Assert.IsType<NumberDeleted>(await _world.Delete(number));

        Assert.False(outcome.Released);
        Assert.Equal("deleted; detached, still in the customer's Twilio account", _world.Audit.Entries[^1].After);
    }

    [Fact]
    public async Task A_failed_release_keeps_the_number()
    {
        var number = await _world.NumberIn(AgentEnvironment.Sandbox);
        _world.Telephony.RefuseReleasing = "Provider timed out.";

        await _world.Delete(number).Refused(RefusalKind.ProviderFailed);

        Assert.Single(_world.Numbers.All);
        Assert.DoesNotContain(AuditActions.NumberDeleted, _world.Audit.Actions);
    }

    [Fact]
    public async Task Live_delete_asks_for_approval()
    {
        var number = await _world.NumberIn(AgentEnvironment.Live);

        var outcome = Assert.IsType<DeletionAwaitsApproval>(await _world.Delete(number, _world.Mel));

        Assert.False(outcome.AlreadyRequested);
        Assert.Equal((ApprovalStatus.Pending, _world.Mel.User, number.Id), (outcome.Request.Status, outcome.Request.RequestedBy, outcome.Request.NumberId));
        Assert.Single(_world.Numbers.All);
        Assert.Empty(_world.Telephony.Released);
        var entry = _world.Audit.Entries[^1];
        Assert.Equal((AuditActions.DeletionRequested, "local:mel"), (entry.Action, entry.ActorKey));
    }

    [Fact]
    public async Task Asking_twice_to_delete_a_live_number_returns_the_same_pending_request()
    {
        var number = await _world.NumberIn(AgentEnvironment.Live);
        var first = Assert.IsType<DeletionAwaitsApproval>(await _world.Delete(number, _world.Mel));

        var second = Assert.IsType<DeletionAwaitsApproval>(await _world.Delete(number, _world.Grace));

        Assert.True(second.AlreadyRequested);
        Assert.Equal(first.Request.Id, second.Request.Id);
        Assert.Single(_world.Approvals.All);
    }

    [Fact]
    public async Task Asking_again_after_a_request_expired_opens_a_new_one()
    {
        var number = await _world.NumberIn(AgentEnvironment.Live);
        var first = Assert.IsType<DeletionAwaitsApproval>(await _world.Delete(number, _world.Mel));
        _world.Clock.Advance(TimeSpan.FromMinutes(61));

        var second = Assert.IsType<DeletionAwaitsApproval>(await _world.Delete(number, _world.Mel));

        Assert.False(second.AlreadyRequested);
        Assert.NotEqual(first.Request.Id, second.Request.Id);
        Assert.Equal(ApprovalStatus.Expired, _world.Approvals.Stored(first.Request.Id).Status);
        Assert.Equal(ApprovalStatus.Pending, _world.Approvals.Stored(second.Request.Id).Status);
    }

    [Fact]
    public async Task Deleting_from_a_stale_card_is_refused()
    {
        await _world.Publish("London");
        var number = await _world.NumberIn(AgentEnvironment.Sandbox);
        await _world.Handle(new ReassignVariant(_world.Ada, number.Id, "London", null));

        await _world.Delete(number).Refused(RefusalKind.Conflict);

        Assert.Single(_world.Numbers.All);
    }

    [Fact]
    public async Task Deleting_a_number_that_is_gone_is_not_found()
    {
        var number = await _world.NumberIn(AgentEnvironment.Sandbox);
        await _world.Delete(number);

        await _world.Delete(number).Refused(RefusalKind.NotFound);

        Assert.Single(_world.Telephony.Released);
    }

    [Fact]
    public async Task Deleting_needs_Numbers_Edit()
    {
        var number = await _world.NumberIn(AgentEnvironment.Sandbox);

        await _world.Delete(number, _world.Rita).Refused(RefusalKind.Forbidden);

        Assert.Single(_world.Numbers.All);
    }
}
