using NumbersBot.Bot.Telephony;

namespace NumbersBot.Tests.Support.Fakes;

public sealed class InMemoryJobLeases : IJobLeases
{
    private readonly Dictionary<string, (string Owner, DateTimeOffset Until)> _leases = [];

    public Task<bool> TryTakeAsync(string name, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        lock (_leases)
        {
            if (_leases.TryGetValue(name, out var held) && held.Owner != owner && held.Until > now) return Task.FromResult(false);
            _leases[name] = (owner, leaseUntil);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string name, string owner, DateTimeOffset now, CancellationToken ct)
    {
        lock (_leases)
        {
            if (_leases.TryGetValue(name, out var held) && held.Owner == owner) _leases[name] = (owner, now);
        }
        return Task.CompletedTask;
    }
}
