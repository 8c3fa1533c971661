namespace NumbersBot.Domain.Tests;

/// <summary>Withdraw, deny with a reason, a release the provider refuses and its retry, and voiding at the moment of change.</summary>
public sealed class ApprovalLifecycleTests
{
    private readonly DomainWorld _world = new();

    [Fact]
    public async Task A_denial_carries_its_reason_to_the_request_and_the_audit_trail()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Mel);

        var outcome = await _world.Decide(request, _world.Grace, ApprovalDecision.Deny, "  The number is on our printed flyers.  ");

        Assert.Equal("Denied by Grace at 2025-03-03 09:00 UTC: The number is on our printed flyers.", outcome.Request.Outcome);
        Assert.Equal("The number is on our printed flyers.", _world.Approvals.Stored(request.Id).Note);
        Assert.Equal((AuditActions.ApprovalDenied, outcome.Request.Outcome), (_world.Audit.Entries[^1].Action, _world.Audit.Entries[^1].After));
    }

    [Fact]
    public async Task A_reason_longer_than_500_characters_is_refused_and_nothing_is_decided()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Mel);

        var refusal = await _world.Decide(request, _world.Grace, ApprovalDecision.Deny, new string('x', 501)).Refused(RefusalKind.Invalid);

        Assert.Contains("at most 500 characters", refusal.Message);
        Assert.Equal(ApprovalStatus.Pending, _world.Approvals.Stored(request.Id).Status);
    }

    [Fact]
    public async Task The_requester_can_withdraw_a_pending_request_and_the_number_stays()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Mel);

        var outcome = await _world.Handle(new WithdrawApproval(_world.Mel, request.Id));

        Assert.Equal((false, ApprovalStatus.Withdrawn), (outcome.Stale, _world.Approvals.Stored(request.Id).Status));
        Assert.Equal("Withdrawn by Mel at 2025-03-03 09:00 UTC.", outcome.Request.Outcome);
        Assert.Single(_world.Numbers.All);
        Assert.Equal((AuditActions.ApprovalWithdrawn, "local:mel"), (_world.Audit.Entries[^1].Action, _world.Audit.Entries[^1].ActorKey));
    }

    [Fact]
    public async Task Nobody_but_the_requester_can_withdraw_not_even_an_admin()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Mel);

        var refusal = await _world.Handle(new WithdrawApproval(_world.Grace, request.Id)).Refused(RefusalKind.Forbidden);

        Assert.Equal("Only Mel, who asked for this deletion, can withdraw it.", refusal.Message);
        Assert.Equal(ApprovalStatus.Pending, _world.Approvals.Stored(request.Id).Status);
    }

    [Fact]
    public async Task Withdrawing_a_decided_request_changes_nothing()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Mel);
        await _world.Decide(request, _world.Grace, ApprovalDecision.Deny);

        var outcome = await _world.Handle(new WithdrawApproval(_world.Mel, request.Id));

        Assert.Equal((true, ApprovalStatus.Denied), (outcome.Stale, outcome.Request.Status));
    }

    [Fact]
    public async Task A_refused_release_leaves_the_request_approved_with_the_providers_message()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Mel);
        _world.Telephony.RefuseReleasing = "Twilio is down for maintenance.";

        var outcome = await _world.Decide(request, _world.Grace);

        Assert.Equal((false, false), (outcome.Stale, outcome.NumberDeleted));
        Assert.Equal("Twilio is down for maintenance.", outcome.ReleaseFailure?.Message);
        var stored = _world.Approvals.Stored(request.Id);
        Assert.Equal((ApprovalStatus.Approved, "Twilio is down for maintenance.", "ReleaseFailed"), (stored.Status, stored.ReleaseFailure, stored.ShownState));
        Assert.StartsWith("Approved; release failed: Twilio is down for maintenance.", stored.Outcome);
        Assert.Single(_world.Numbers.All);
        Assert.Equal((AuditActions.ReleaseFailed, stored.Outcome), (_world.Audit.Entries[^1].Action, _world.Audit.Entries[^1].After));
    }

    [Fact]
    public async Task A_refused_release_stays_a_recorded_step_that_the_telephony_worker_finishes()
    {
        var request = await ApprovedButNotReleased();

        var step = Assert.Single(await _world.Operations.ListPendingAsync(DomainWorld.Ct));
        Assert.Equal((TelephonyStep.Remove, request.NumberId), (step.Step, step.NumberId));
        Assert.Equal(Reachability.Removing, _world.Numbers.Stored(request.NumberId)!.Reachability);
        _world.Telephony.RefuseReleasing = null;
        _world.Clock.Advance(TelephonyWorkPolicy.Backoff(0));

        Assert.Equal(1, await _world.Steps.ResumeAsync(DomainWorld.Ct));
        Assert.Empty(_world.Numbers.All);
        Assert.StartsWith("deleted with approval: requested by Mel, approved by Grace", _world.Audit.Entries[^1].After);
    }

    [Fact]
    public async Task Retrying_the_release_deletes_the_number_and_clears_the_failure()
    {
        var request = await ApprovedButNotReleased();
        _world.Telephony.RefuseReleasing = null;

        var outcome = await _world.Handle(new RetryRelease(_world.Ada, request.Id));

        Assert.Equal((false, true), (outcome.Stale, outcome.NumberDeleted));
        Assert.Null(_world.Approvals.Stored(request.Id).ReleaseFailure);
        Assert.Equal("Approved", _world.Approvals.Stored(request.Id).ShownState);
        Assert.Empty(_world.Numbers.All);
        Assert.Single(_world.Telephony.Released);
    }

    [Fact]
    public async Task A_second_retry_does_nothing_twice()
    {
        var request = await ApprovedButNotReleased();
        _world.Telephony.RefuseReleasing = null;
        await _world.Handle(new RetryRelease(_world.Ada, request.Id));
        var audited = _world.Audit.Entries.Count;

        var again = await _world.Handle(new RetryRelease(_world.Grace, request.Id));

        Assert.Equal((true, false), (again.Stale, again.NumberDeleted));
        Assert.Single(_world.Telephony.Released);
        Assert.Equal(audited, _world.Audit.Entries.Count);
    }

    [Fact]
    public async Task A_retry_the_provider_refuses_again_keeps_the_request_waiting_with_the_new_message()
    {
        var request = await ApprovedButNotReleased();
        _world.Telephony.RefuseReleasing = "Still down.";

        var outcome = await _world.Handle(new RetryRelease(_world.Ada, request.Id));

        Assert.Equal("Still down.", outcome.ReleaseFailure?.Message);
        Assert.Equal("Still down.", _world.Approvals.Stored(request.Id).ReleaseFailure);
        Assert.Single(_world.Numbers.All);
    }

    [Fact]
    public async Task A_retry_after_the_number_went_away_only_closes_the_failure()
    {
        var request = await ApprovedButNotReleased();
        _world.Numbers.RemoveBehindTheScenes(request.NumberId);

        var outcome = await _world.Handle(new RetryRelease(_world.Ada, request.Id));

        Assert.Equal((false, true), (outcome.Stale, outcome.NumberDeleted));
        Assert.Null(_world.Approvals.Stored(request.Id).ReleaseFailure);
        Assert.Empty(_world.Telephony.Released);
    }

    [Fact]
    public async Task Retrying_a_release_runs_the_removal_step_already_recorded_instead_of_recording_a_second()
    {
        var request = await ApprovedButNotReleased();
        _world.Telephony.RefuseReleasing = null;

        await _world.Handle(new RetryRelease(_world.Ada, request.Id));

        var removal = Assert.Single(_world.Operations.All, o => o.Step == TelephonyStep.Remove);
        Assert.Equal(OperationState.Done, removal.State);
        Assert.Empty(await _world.Operations.ListPendingAsync(DomainWorld.Ct));
        Assert.Single(_world.Telephony.Released);
        Assert.StartsWith("deleted with approval: requested by Mel, approved by Grace", _world.Audit.Entries[^1].After);
    }

    [Fact]
    public async Task A_retry_while_the_worker_is_running_the_removal_leaves_it_to_the_worker()
    {
        var request = await ApprovedButNotReleased();
        _world.Telephony.RefuseReleasing = null;
        _world.Clock.Advance(TelephonyWorkPolicy.Backoff(0));
        var now = _world.Clock.GetUtcNow();
        Assert.Single(await _world.Operations.ClaimDueAsync("worker:busy", now, now + TelephonyWorkPolicy.Default.Lease, 10, DomainWorld.Ct));

        var outcome = await _world.Handle(new RetryRelease(_world.Ada, request.Id));

        Assert.Equal((true, false), (outcome.Stale, outcome.NumberDeleted));
        Assert.Single(_world.Operations.All, o => o.Step == TelephonyStep.Remove);
        Assert.Empty(_world.Telephony.Released);
        Assert.Single(_world.Numbers.All);
    }

    [Fact]
    public async Task When_the_worker_finishes_an_approved_release_on_its_own_the_approval_says_released_on_every_copy()
    {
        var request = await ApprovedButNotReleased();
        var signalled = _world.ApprovalSignal.Count;
        _world.Telephony.RefuseReleasing = null;
        _world.Clock.Advance(TelephonyWorkPolicy.Backoff(0));

        Assert.Equal(1, await _world.Steps.ResumeAsync(DomainWorld.Ct));

        var stored = _world.Approvals.Stored(request.Id);
        Assert.Equal((null, "Approved"), (stored.ReleaseFailure, stored.ShownState));
        Assert.StartsWith("Approved by Grace", stored.Outcome);
        Assert.Equal(signalled + 1, _world.ApprovalSignal.Count);
        var late = await _world.Handle(new RetryRelease(_world.Ada, request.Id));
        Assert.Equal((true, false), (late.Stale, late.NumberDeleted));
    }

    [Fact]
    public async Task Only_an_admin_may_retry_a_release()
    {
        var request = await ApprovedButNotReleased();

        await _world.Handle(new RetryRelease(_world.Mel, request.Id)).Refused(RefusalKind.Forbidden);

        Assert.NotNull(_world.Approvals.Stored(request.Id).ReleaseFailure);
    }

    [Fact]
    public async Task Reassigning_the_variant_voids_the_pending_request_at_once()
    {
        await _world.PublishTo(AgentEnvironment.Live, "London");
        var request = await _world.LiveDeletionRequested(by: _world.Mel);
        var signals = _world.ApprovalSignal.Count;

        await _world.Handle(new ReassignVariant(_world.Grace, request.NumberId, "London", null));

        var stored = _world.Approvals.Stored(request.Id);
        Assert.Equal(ApprovalStatus.Voided, stored.Status);
        Assert.Contains("the number's variant was changed to London after the request was made", stored.Outcome);
        Assert.Equal((AuditActions.ApprovalVoided, "local:numbersbot"), (_world.Audit.Entries[^1].Action, _world.Audit.Entries[^1].ActorKey));
        Assert.Equal(signals + 1, _world.ApprovalSignal.Count);
        Assert.Equal(_world.UnitOfWork.Begun, _world.UnitOfWork.Committed);
    }

    [Fact]
    public async Task Every_committed_change_to_a_request_is_signalled()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Mel);
        Assert.Equal(1, _world.ApprovalSignal.Count);

        await _world.Decide(request, _world.Grace, ApprovalDecision.Deny);
        Assert.Equal(2, _world.ApprovalSignal.Count);

        var late = await _world.LiveDeletionRequested(by: _world.Mel);
        _world.Clock.Advance(TimeSpan.FromHours(2));
        await _world.Handle(new ExpireApprovals());
        Assert.Equal((4, ApprovalStatus.Expired), (_world.ApprovalSignal.Count, _world.Approvals.Stored(late.Id).Status));
    }

    private async Task<ApprovalRequest> ApprovedButNotReleased()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Mel);
        _world.Telephony.RefuseReleasing = "Twilio is down for maintenance.";
        await _world.Decide(request, _world.Grace);
        return request;
    }
}
