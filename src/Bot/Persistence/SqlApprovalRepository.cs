using System.Data.Common;
using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Persistence;

internal sealed class SqlApprovalRepository(DbSession db) : IApprovalRepository
{
    private static readonly string[] Columns =
    [
        "id", "project_id", "number_id", "e164", "environment", "number_version", "requested_by", "requested_by_name",
        "requested_at", "expires_at", "status", "decided_by", "decided_by_name", "decided_at", "note", "release_failure",
    ];

    private static readonly string Select = $"SELECT {string.Join(", ", Columns)} FROM approvals";

    public async Task AddAsync(ApprovalRequest request, CancellationToken ct)
    {
        try
        {
            await db.ExecuteAsync(SqlDialect.Insert("approvals", Columns), new
            {
                request.Id,
                request.ProjectId,
                request.NumberId,
                E164 = request.Number,
                Environment = request.Environment.ToString(),
                request.NumberVersion,
                request.RequestedBy,
                request.RequestedByName,
                request.RequestedAt,
                request.ExpiresAt,
                Status = request.Status.ToString(),
                request.DecidedBy,
                request.DecidedByName,
                request.DecidedAt,
                request.Note,
                request.ReleaseFailure,
            }, ct);
        }
        catch (DbException e) when (db.Dialect.IsUniqueViolation(e))
        {
            // The partial unique index allows one pending request per number, whichever instance asks.
            throw DomainException.Conflict($"Deleting {PhoneNumber.ParseE164(request.Number).Display} is already waiting for approval.");
        }
    }

    public async Task<ApprovalRequest?> FindAsync(Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE id = @id", new { id }, ct))?.ToRequest();

    public async Task<ApprovalRequest?> FindPendingForNumberAsync(Guid numberId, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE number_id = @numberId AND status = 'Pending'", new { numberId }, ct))
            ?.ToRequest();

    public async Task<IReadOnlyList<ApprovalRequest>> ListAwaitingReleaseAsync(Guid numberId, CancellationToken ct) =>
        (await db.QueryAsync<Row>($"{Select} WHERE number_id = @numberId AND status = 'Approved' AND release_failure IS NOT NULL ORDER BY requested_at, id",
            new { numberId }, ct)).Select(r => r.ToRequest()).ToList();

    public async Task<IReadOnlyList<ApprovalRequest>> ListPendingAsync(string? projectId, CancellationToken ct)
    {
        var inProject = projectId is null ? "" : " AND project_id = @projectId";
        return (await db.QueryAsync<Row>($"{Select} WHERE status = 'Pending'{inProject} ORDER BY requested_at, id", new { projectId }, ct))
            .Select(r => r.ToRequest()).ToList();
    }

    public async Task<IReadOnlyList<ApprovalRequest>> ListOverdueAsync(DateTimeOffset now, CancellationToken ct) =>
        (await db.QueryAsync<Row>($"{Select} WHERE status = 'Pending' AND expires_at <= @now ORDER BY expires_at, id", new { now }, ct))
            .Select(r => r.ToRequest()).ToList();

    public async Task<bool> TryRecordDecisionAsync(ApprovalRequest decided, CancellationToken ct) =>
        await db.ExecuteAsync(
            "UPDATE approvals SET status = @Status, decided_by = @DecidedBy, decided_by_name = @DecidedByName, " +
            "decided_at = @DecidedAt, note = @Note WHERE id = @Id AND status = 'Pending'",
            new
            {
                decided.Id,
                Status = decided.Status.ToString(),
                decided.DecidedBy,
                decided.DecidedByName,
                decided.DecidedAt,
                decided.Note,
            }, ct) == 1;

    public async Task<bool> TryRecordReleaseAsync(ApprovalRequest approved, CancellationToken ct) =>
        await db.ExecuteAsync(approved.ReleaseFailure is null
            ? "UPDATE approvals SET release_failure = NULL WHERE id = @Id AND status = 'Approved' AND release_failure IS NOT NULL"
            : "UPDATE approvals SET release_failure = @ReleaseFailure WHERE id = @Id AND status = 'Approved'",
            new { approved.Id, approved.ReleaseFailure }, ct) == 1;

    private sealed class Row
    {
        public required Guid Id { get; init; }
        public required string ProjectId { get; init; }
        public required Guid NumberId { get; init; }
        public required string E164 { get; init; }
        public required AgentEnvironment Environment { get; init; }
        public required int NumberVersion { get; init; }
        public required UserRef RequestedBy { get; init; }
        public required string RequestedByName { get; init; }
        public required DateTimeOffset RequestedAt { get; init; }
        public required DateTimeOffset ExpiresAt { get; init; }
        public required ApprovalStatus Status { get; init; }
        public UserRef? DecidedBy { get; init; }
        public string? DecidedByName { get; init; }
        public DateTimeOffset? DecidedAt { get; init; }
        public string? Note { get; init; }
        public string? ReleaseFailure { get; init; }

        public ApprovalRequest ToRequest() =>
            new(Id, ProjectId, NumberId, E164, Environment, NumberVersion, RequestedBy, RequestedByName, RequestedAt, ExpiresAt,
                Status, DecidedBy, DecidedByName, DecidedAt, Note, ReleaseFailure);
    }
}
