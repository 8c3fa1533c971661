using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Domain.Actions;

/// <summary>
/// Delete a number. Unconfirmed, it only asks for confirmation. Confirmed, Sandbox and Pre-release numbers go
/// at once; a Live number becomes a request that a second person must approve.
/// </summary>
public sealed record DeleteNumber(Actor Actor, Guid NumberId, bool Confirmed, int? SeenVersion);

public abstract record DeleteOutcome(ProjectNumber Number);

public sealed record DeletionNeedsConfirmation(ProjectNumber Number, string? Warning) : DeleteOutcome(Number);

public sealed record NumberDeleted(ProjectNumber Number, bool Released) : DeleteOutcome(Number);

public sealed record DeletionAwaitsApproval(ProjectNumber Number, ApprovalRequest Request, bool AlreadyRequested) : DeleteOutcome(Number);

public sealed class DeleteNumberHandler(
    ProjectGate gate,
    IApprovalRepository approvals,
    ApprovalLedger ledger,
    IApprovalSignal signal,
    TelephonySteps steps,
    IUnitOfWork unitOfWork,
    AuditLog audit,
    ApprovalPolicy policy,
    TimeProvider clock,
    IIdSource ids)
{
    public const string LiveWarning =
        "Deleting a live number removes it immediately. Calls to that number will stop reaching your agent.";

    public async Task<DeleteOutcome> HandleAsync(DeleteNumber command, CancellationToken ct)
    {
        var (number, _, _, _) = await gate.OpenNumberAsync(command.Actor, command.NumberId, AccessArea.Numbers, AccessLevel.Edit, ct);
        if (command.SeenVersion is { } seen && seen != number.Version) throw DomainException.Changed(number.Number.Display);

        if (!command.Confirmed) return new DeletionNeedsConfirmation(number, number.IsLive ? LiveWarning : null);
        if (number.IsLive) return await RequestApprovalAsync(command.Actor, number, ct);

        await steps.RemoveAsync(command.Actor, number, "deleted", ct);
        return new NumberDeleted(number, Released: number.Source == NumberSource.Platform);
    }

    private async Task<DeleteOutcome> RequestApprovalAsync(Actor requester, ProjectNumber number, CancellationToken ct)
    {
        var existing = await approvals.FindPendingForNumberAsync(number.Id, ct);
        if (existing is not null && !existing.IsOverdue(clock.GetUtcNow()))
            return new DeletionAwaitsApproval(number, existing, AlreadyRequested: true);

        var request = ApprovalRequest.ToDelete(ids.NewId(), number, requester, clock.GetUtcNow(), policy);
        await using (var work = await unitOfWork.BeginAsync(ct))
        {
            if (existing is not null) await ledger.TryExpireAsync(existing, ct);
            await approvals.AddAsync(request, ct);
            await audit.RecordAsync(requester,
                AuditedChange.To(number, AuditActions.DeletionRequested, null, $"approval requested, expires {request.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC"), ct);
            await work.CommitAsync(ct);
        }
        await signal.ChangedAsync(ct);
        return new DeletionAwaitsApproval(number, request, AlreadyRequested: false);
    }
}
