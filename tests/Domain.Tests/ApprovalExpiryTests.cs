namespace NumbersBot.Domain.Tests;

public sealed class ApprovalExpiryTests
{
    private readonly DomainWorld _world = new();

    [Fact]
    public async Task A_request_stays_open_60_minutes_by_default()
    {
        var request = await _world.LiveDeletionRequested();

        Assert.Equal(DomainWorld.Start.AddMinutes(60), request.ExpiresAt);
    }

    [Fact]
    public async Task A_configured_lifetime_is_honoured()
    {
        var world = new DomainWorld(policy: new ApprovalPolicy(TimeSpan.FromMinutes(15)));

        var request = await world.LiveDeletionRequested();

        Assert.Equal(DomainWorld.Start.AddMinutes(15), request.ExpiresAt);
    }

    [Fact]
    public async Task Deciding_just_before_expiry_still_counts()
    {
        var request = await _world.LiveDeletionRequested();
        _world.Clock.Advance(TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(1));

        var outcome = await _world.Decide(request, _world.Grace);

        Assert.True(outcome.NumberDeleted);
    }

    [Fact]
    public async Task Deciding_late_expires_the_request_and_keeps_the_number()
    {
        var request = await _world.LiveDeletionRequested();
        _world.Clock.Advance(TimeSpan.FromMinutes(60));

        var outcome = await _world.Decide(request, _world.Grace);

        Assert.Equal((false, false, ApprovalStatus.Expired), (outcome.Stale, outcome.NumberDeleted, outcome.Request.Status));
        Assert.Equal(ApprovalStatus.Expired, _world.Approvals.Stored(request.Id).Status);
        Assert.Single(_world.Numbers.All);
        Assert.Empty(_world.Telephony.Released);
        var entry = _world.Audit.Entries[^1];
        Assert.Equal((AuditActions.ApprovalExpired, "local:numbersbot"), (entry.Action, entry.ActorKey));
    }

    [Fact]
    public async Task The_sweep_expires_only_overdue_requests_and_audits_them()
    {
        var early = await _world.LiveDeletionRequested();
        _world.Clock.Advance(TimeSpan.FromMinutes(30));
        var later = await _world.LiveDeletionRequested();
        _world.Clock.Advance(TimeSpan.FromMinutes(30));

        var swept = await _world.Handle(new ExpireApprovals());

        Assert.Equal(early.Id, Assert.Single(swept.Expired).Id);
        Assert.Equal(ApprovalStatus.Expired, _world.Approvals.Stored(early.Id).Status);
        Assert.Equal(ApprovalStatus.Pending, _world.Approvals.Stored(later.Id).Status);
        var entry = Assert.Single(_world.Audit.Entries, e => e.Action == AuditActions.ApprovalExpired);
        Assert.Equal((early.Number, "NumbersBot"), (entry.Number, entry.ActorName));
        Assert.Equal(2, _world.Numbers.All.Count);
    }

    [Fact]
    public async Task The_sweep_with_nothing_overdue_changes_nothing()
    {
        var request = await _world.LiveDeletionRequested();

        var swept = await _world.Handle(new ExpireApprovals());

        Assert.Empty(swept.Expired);
        Assert.Equal(ApprovalStatus.Pending, _world.Approvals.Stored(request.Id).Status);
    }

    [Fact]
    public async Task A_request_the_sweep_expired_is_stale_when_clicked()
    {
        var request = await _world.LiveDeletionRequested();
        _world.Clock.Advance(TimeSpan.FromHours(2));
        await _world.Handle(new ExpireApprovals());

        var outcome = await _world.Decide(request, _world.Grace);

        Assert.Equal((true, ApprovalStatus.Expired), (outcome.Stale, outcome.Request.Status));
        Assert.Single(_world.Numbers.All);
    }

    [Fact]
    public async Task Pending_requests_are_listed_with_who_may_decide_them()
    {
        var request = await _world.LiveDeletionRequested(by: _world.Grace);

        var asGrace = await _world.Handle(new ListApprovals(_world.Grace));
        var asAda = await _world.Handle(new ListApprovals(_world.Ada));
        var asRita = await _world.Handle(new ListApprovals(_world.Rita));

        Assert.Equal(request.Id, Assert.Single(asAda.Requests).Id);
        Assert.Equal((false, true, false), (asGrace.ViewerMayDecide(request), asAda.ViewerMayDecide(request), asRita.ViewerMayDecide(request)));
    }

    [Fact]
    public async Task Overdue_requests_are_not_listed_as_pending()
    {
        await _world.LiveDeletionRequested();
        _world.Clock.Advance(TimeSpan.FromMinutes(60));

        Assert.Empty((await _world.Handle(new ListApprovals(_world.Ada))).Requests);
    }

    [Fact]
    public async Task Listing_approvals_needs_Numbers_Read() =>
        await _world.Handle(new ListApprovals(_world.Nora)).Refused(RefusalKind.Forbidden);
}
