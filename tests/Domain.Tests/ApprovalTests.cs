namespace NumbersBot.Domain.Tests;

public sealed class ApprovalTests
{
    private readonly DomainWorld _world = new();

    [Fact]
    public async Task Approval_by_another_admin_deletes_the_number()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Mel);

        var outcome = await _world.Decide(request, _world.Grace);

        Assert.Equal((false, true, ApprovalStatus.Approved), (outcome.Stale, outcome.NumberDeleted, outcome.Request.Status));
        Assert.Equal(_world.Grace.User, _world.Approvals.Stored(request.Id).DecidedBy);
        Assert.Empty(_world.Numbers.All);
        Assert.Equal(request.Number, Assert.Single(_world.Telephony.Released).Number.E164);
    }

    [Fact]
    public async Task An_approved_deletion_is_audited_with_both_people()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Mel);

        await _world.Decide(request, _world.Grace);

        var trail = _world.Audit.Entries.Where(e => e.Number == request.Number).SkipWhile(e => e.Action != AuditActions.DeletionRequested).ToList();
        Assert.Equal(
            [(AuditActions.DeletionRequested, "local:mel"), (AuditActions.ApprovalApproved, "local:grace"), (AuditActions.NumberDeleted, "local:grace")],
            trail.Select(e => (e.Action, e.ActorKey)));
        Assert.Equal("deletion requested by Mel", trail[1].Before);
        Assert.StartsWith("Approved by Grace", trail[1].After);
        Assert.StartsWith("deleted with approval: requested by Mel, approved by Grace", trail[2].After);
    }

    [Fact]
    public async Task A_bootstrap_admin_can_approve_a_stored_admins_request()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Grace);

        var outcome = await _world.Decide(request, _world.Ada);

        Assert.True(outcome.NumberDeleted);
    }

    [Fact]
    public async Task Approving_own_request_is_refused()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Grace);

        var refusal = await _world.Decide(request, _world.Grace).Refused(RefusalKind.Forbidden);

        Assert.Contains("You asked for this deletion, so someone else must approve or deny it", refusal.Message);
        Assert.Equal(ApprovalStatus.Pending, _world.Approvals.Stored(request.Id).Status);
        Assert.Single(_world.Numbers.All);
    }

    [Fact]
    public async Task Denying_own_request_is_refused()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Ada);

        await _world.Decide(request, _world.Ada, ApprovalDecision.Deny).Refused(RefusalKind.Forbidden);

        Assert.Equal(ApprovalStatus.Pending, _world.Approvals.Stored(request.Id).Status);
    }

    [Fact]
    public async Task A_member_cannot_decide_even_with_Numbers_Edit()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Ada);

        var refusal = await _world.Decide(request, _world.Mel).Refused(RefusalKind.Forbidden);

        Assert.Equal("Only a NumbersBot admin can approve or deny deleting a Live number: ada or Grace.", refusal.Message);
        Assert.Equal(ApprovalStatus.Pending, _world.Approvals.Stored(request.Id).Status);
        Assert.Single(_world.Numbers.All);
    }

    [Fact]
    public async Task Denial_keeps_the_number()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Mel);

        var outcome = await _world.Decide(request, _world.Grace, ApprovalDecision.Deny);

        Assert.Equal((false, false, ApprovalStatus.Denied), (outcome.Stale, outcome.NumberDeleted, outcome.Request.Status));
        Assert.Single(_world.Numbers.All);
        Assert.Empty(_world.Telephony.Released);
        Assert.Equal(AuditActions.ApprovalDenied, _world.Audit.Entries[^1].Action);
    }

    [Fact]
    public async Task Deciding_twice_the_second_click_is_stale()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Mel);
        await _world.Decide(request, _world.Grace);

        var second = await _world.Decide(request, _world.Ada, ApprovalDecision.Deny);

        Assert.Equal((true, false, ApprovalStatus.Approved), (second.Stale, second.NumberDeleted, second.Request.Status));
        Assert.Single(_world.Telephony.Released);
    }

    [Fact]
    public async Task Losing_a_race_to_decide_changes_nothing()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Mel);
        _world.Approvals.BeforeNextDecision = () => _world.Approvals.DecideBehindTheScenes(request.Id, r =>
            r.Decide(ApprovalDecision.Deny, new UserAccess(_world.Ada.User, "Ada", Role.Admin, AccessLevel.Edit, AccessLevel.Edit), DomainWorld.Start));

        var outcome = await _world.Decide(request, _world.Grace);

        Assert.Equal((true, false, ApprovalStatus.Denied), (outcome.Stale, outcome.NumberDeleted, outcome.Request.Status));
        Assert.Single(_world.Numbers.All);
        Assert.Empty(_world.Telephony.Released);
        Assert.DoesNotContain(AuditActions.ApprovalApproved, _world.Audit.Actions);
        Assert.Equal(1, _world.UnitOfWork.Abandoned);
    }

    [Fact]
    public async Task Deciding_an_unknown_request_is_not_found() =>
        await _world.Handle(new DecideApproval(_world.Grace, Guid.NewGuid(), ApprovalDecision.Approve)).Refused(RefusalKind.NotFound);

    [Fact]
    public async Task A_click_after_the_number_changed_finds_the_request_already_void()
    {
        await _world.PublishTo(AgentEnvironment.Live, "London");
        var request = await _world.LiveDeletionRequested(by: _world.Mel);
        await _world.Handle(new ReassignVariant(_world.Mel, request.NumberId, "London", null));

        var outcome = await _world.Decide(request, _world.Grace);

        Assert.Equal((true, false, ApprovalStatus.Voided), (outcome.Stale, outcome.NumberDeleted, outcome.Request.Status));
        Assert.Contains("after the request was made", outcome.Request.Outcome);
        Assert.Single(_world.Numbers.All);
        Assert.Empty(_world.Telephony.Released);
        Assert.Equal((AuditActions.ApprovalVoided, "local:numbersbot"), (_world.Audit.Entries[^1].Action, _world.Audit.Entries[^1].ActorKey));
    }

    [Fact]
    public async Task A_request_is_void_when_the_number_vanished_after_it()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Mel);
        _world.Numbers.RemoveBehindTheScenes(request.NumberId);

        var outcome = await _world.Decide(request, _world.Grace);

        Assert.Equal((ApprovalStatus.Voided, false), (outcome.Request.Status, outcome.NumberDeleted));
        Assert.Contains("the number was removed meanwhile", outcome.Request.Outcome);
        Assert.Empty(_world.Telephony.Released);
    }
}
