using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Domain.Telephony;

/// <summary>Taking back a route that reached the provider after its number's removal started (or after the number was gone).</summary>
public sealed partial class TelephonySteps
{
    /// <summary>
    /// A route whose number is being removed, or gone. This run, or an earlier one that died before it could tell, may have
    /// reached the provider after the removal's release: so the number is released again (the provider's release is idempotent)
    /// and the removal stands whichever of the two the provider saw last. With the number's row gone, the step's own record says
    /// what to release. Done only once the provider confirms; until then it is retried after a backoff, as any step.
    /// </summary>
    private async Task WithdrawRouteAsync(TelephonyOperation operation, string owner, ProjectNumber? number, CancellationToken ct)
    {
        // Listed again under the same SID: the same number at the provider (a listing in another account is another number).
        if (number is null && await numbers.FindByE164Async(operation.E164, ct) is { Reachability: not Reachability.Removing } listedAgain
            && listedAgain.ProviderReference == operation.ProviderReference)
        {
            await RouteAgainAsync(operation, owner, listedAgain, ct);
            return;
        }
        var provisioned = number is not null ? Provisioned(number) : operation.Provisioned;
        if (provisioned is not null)
        {
            try
            {
                await telephony.ReleaseAsync(operation.ProjectId, provisioned, ct);
            }
            catch (DomainException failure)
            {
                await WithdrawalFailedAsync(operation, owner, provisioned, failure.Message, ct);
                throw;
            }
        }
        await using var work = await unitOfWork.BeginAsync(ct);
        // A step recorded before steps kept their number, whose number is gone, has nothing to release it by: done as it was.
        if (!await operations.CompleteAsync(operation.Id, owner, ct) || provisioned is null) return;
        await audit.RecordAsync(Actor.System, new AuditedChange(TelephonyAudit.RouteWithdrawn, operation.ProjectId, operation.E164, operation.Environment,
            After: $"{operation.Reason}; the number was being removed, so it was taken off again in case this route had reached the provider: {Undone(provisioned)}"), ct);
        await work.CommitAsync(ct);
    }

    /// <summary>
    /// The number is listed again since the removal this route met (a customer's number connected again, with the same SID):
    /// taking it off would detach the new listing, so the new listing is routed again instead, after whatever this route did.
    /// </summary>
    private async Task RouteAgainAsync(TelephonyOperation operation, string owner, ProjectNumber listed, CancellationToken ct)
    {
        TelephonyOperation again;
        await using (var work = await unitOfWork.BeginAsync(ct))
        {
            if (!await operations.CompleteAsync(operation.Id, owner, ct)) return;
            again = await RecordRouteAsync(listed, Actor.System, "routed again after a route from before its removal reached the provider", ct);
            await work.CommitAsync(ct);
        }
        try
        {
            await RunAsync(again, ct);
        }
        catch (DomainException)
        {
            // Recorded on its own step, which the worker retries.
        }
    }

    private async Task WithdrawalFailedAsync(TelephonyOperation operation, string owner, ProvisionedNumber number, string problem, CancellationToken ct)
    {
        await using var work = await unitOfWork.BeginAsync(ct);
        await operations.RetryLaterAsync(operation.Id, owner, problem, clock.GetUtcNow() + TelephonyWorkPolicy.Backoff(operation.Attempts), ct);
        // Told once per problem, and only once the number is gone: while it is being removed, its removal's own failure tells it.
        if (operation.LastError != problem && await numbers.FindAsync(operation.NumberId, ct) is null)
            await audit.RecordAsync(Actor.System, new AuditedChange(TelephonyAudit.RemovalFailed, operation.ProjectId, operation.E164, operation.Environment,
                After: $"{problem} A route reached the provider after the number was removed; NumbersBot tries again until it is {Undone(number)}."), ct);
        await work.CommitAsync(ct);
    }

    private static string Undone(ProvisionedNumber number) =>
        number.Source == NumberSource.Platform ? "released to the pool" : "detached, still in the customer's Twilio account";
}
