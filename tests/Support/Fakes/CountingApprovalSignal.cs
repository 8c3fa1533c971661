namespace NumbersBot.Tests.Support.Fakes;

/// <summary>Counts the signals that a request's state was committed.</summary>
public sealed class CountingApprovalSignal : IApprovalSignal
{
    private int _count;

    public int Count => _count;

    public Task ChangedAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }
}
