using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Domain.Actions;

/// <summary>Everything that ever happened to one number, oldest first.</summary>
public sealed record ShowHistory(Actor Actor, string Number);

public sealed record NumberHistory(PhoneNumber Number, IReadOnlyList<AuditEntry> Entries);

public sealed class ShowHistoryHandler(ProjectGate gate, IAuditTrail trail)
{
    public async Task<NumberHistory> HandleAsync(ShowHistory command, CancellationToken ct)
    {
        var viewer = await gate.AccessAsync(command.Actor, ct);
        viewer.Require(AccessArea.Numbers, AccessLevel.Read);
        var number = PhoneNumber.Parse(command.Number);
        return new NumberHistory(number, await trail.ForNumberAsync(number.E164, ct));
    }
}
